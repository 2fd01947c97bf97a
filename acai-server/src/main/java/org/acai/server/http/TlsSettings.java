package org.acai.server.http;

import java.nio.file.Path;

/**
 * HTTPS settings: a PKCS#12 keystore, or a PEM file, holding the server's certificate chain and
 * private key.
 *
 * @param port the HTTPS port (0 picks a free one)
 * @param keystore the PKCS#12 file, or a PEM file with the chain and an unencrypted PKCS#8 key
 * @param password its password
 */
public record TlsSettings(int port, Path keystore, String password) {
  @Override
  public String toString() {
    return "TlsSettings[port=" + port + ", keystore=" + keystore + "]";
  }
}
