package org.acai.server.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acai.api.error.InvalidRequestException;

/**
 * The server's certificate and private key, from a PKCS#12 keystore or from a PEM file holding the
 * certificate chain and an unencrypted PKCS#8 private key ({@code cat fullchain.pem privkey.pem}).
 */
final class TlsKeys {
  private static final int MAX_FILE_BYTES = 1 << 20;
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

  private TlsKeys() {}

  /**
   * Loads the keystore; a PEM file becomes an in-memory PKCS#12 store protected by {@code
   * password}.
   *
   * @throws InvalidRequestException naming the file and what is wrong with it
   */
  static KeyStore load(Path file, String password) {
    char[] secret = password == null ? new char[0] : password.toCharArray();
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new InvalidRequestException("TLS keystore %s is larger than 1 MiB", file);
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidRequestException(e, "Cannot read TLS keystore %s: %s", file, e);
    }
    String text = new String(bytes, StandardCharsets.US_ASCII);
    try {
      if (text.stripLeading().startsWith("-----BEGIN")) {
        return fromPem(file, text, secret);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(bytes), secret);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidRequestException(
          e,
          "Cannot read TLS keystore %s: not a PKCS#12 keystore with this password"
              + " (ACAI_TLS_KEYSTORE_PASSWORD) nor a valid PEM file (%s)",
          file,
          e.getMessage());
    }
  }

  private static KeyStore fromPem(Path file, String text, char[] secret)
      throws IOException, GeneralSecurityException {
    List<Certificate> chain = new ArrayList<>();
    PrivateKey key = null;
    CertificateFactory certificates = CertificateFactory.getInstance("X.509");
    Matcher block = BLOCK.matcher(text);
    while (block.find()) {
      byte[] der = Base64.getMimeDecoder().decode(block.group(2));
      switch (block.group(1)) {
        case "CERTIFICATE" ->
            chain.add(certificates.generateCertificate(new ByteArrayInputStream(der)));
        case "PRIVATE KEY" -> key = privateKey(file, der);
        default ->
            throw new InvalidRequestException(
                "TLS key file %s holds a %s block; only CERTIFICATE and unencrypted PKCS#8"
                    + " PRIVATE KEY are read (convert with: openssl pkcs8 -topk8 -nocrypt -in KEY)",
                file, block.group(1));
      }
    }
    if (chain.isEmpty() || key == null) {
      throw new InvalidRequestException(
          "TLS key file %s needs the certificate chain and the private key in one file", file);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("acai", key, secret, chain.toArray(Certificate[]::new));
    return store;
  }

  private static PrivateKey privateKey(Path file, byte[] der) {
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Not this algorithm; PKCS#8 names it inside, but the JDK wants it up front.
      }
    }
    throw new InvalidRequestException(
        "TLS key file %s: private key is not RSA, EC, Ed25519 or Ed448", file);
  }
}
