package org.acai.server.http;

import java.nio.file.Path;

/**
 * HTTPS settings: a PKCS#12 keystore holding the server's certificate and private key.
 *
 * @param port the HTTPS port (0 picks a free one)
 * @param keystore the PKCS#12 file
 * @param password its password
 */
public record TlsSettings(int port, Path keystore, String password) {
  @Override
  public String toString() {
    return "TlsSettings[port=" + port + ", keystore=" + keystore + "]";
  }
}
