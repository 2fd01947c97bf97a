package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.AcaiServer;
import org.acai.server.config.SelfSignedCertificate;
import org.acai.server.config.ServerConfig;
import org.acai.server.http.TlsSettings;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.SharedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from a PEM file (certificate chain + PKCS#8 key), as certificate tools hand them out. */
class TlsPemTest {
  private static Certificate certificate;
  private static String privateKeyPem;

  @RegisterExtension
  static final AcaiServerExtension SERVER = new AcaiServerExtension().withEnv(TlsPemTest::pemEnv);

  @TempDir Path dir;

  @Test
  void httpsServesTheCertificateOfThePemFile() throws Exception {
    HttpClient insecure = HttpClient.newBuilder().sslContext(TlsTest.trustAll()).build();
    int port = SERVER.server().tlsPort().orElseThrow();

    HttpResponse<String> response =
        insecure.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/healthz")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.sslSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(certificate);
  }

  @Test
  void aPemFileWithoutItsKeyStopsTheStartWithAClearMessage() throws Exception {
    Path certOnly = dir.resolve("cert.pem");
    Files.writeString(certOnly, pem("CERTIFICATE", certificate.getEncoded()));
    Path rsaKey = dir.resolve("pkcs1.pem");
    Files.writeString(
        rsaKey,
        pem("CERTIFICATE", certificate.getEncoded())
            + privateKeyPem.replace("PRIVATE KEY", "RSA PRIVATE KEY"));

    assertThatThrownBy(() -> start(certOnly))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("needs the certificate chain and the private key");
    assertThatThrownBy(() -> start(rsaKey))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }

  private void start(Path keystore) {
    ServerConfig config =
        ServerConfig.fromEnv(
                Map.of(
                    "ACAI_HOME",
                    dir.resolve("home").toString(),
                    "ACAI_PORT",
                    "0",
                    "ACAI_TLS_PORT",
                    "0",
                    "ACAI_TLS_KEYSTORE",
                    keystore.toString()))
            .withDb(SharedPostgres.newDatabase());
    AcaiServer.start(config).close();
  }

  private static Map<String, String> pemEnv() {
    try {
      Path dir = Files.createTempDirectory("acai-pem");
      TlsSettings generated = SelfSignedCertificate.ensure(dir, 0);
      char[] password = generated.password().toCharArray();
      KeyStore p12 = KeyStore.getInstance(generated.keystore().toFile(), password);
      certificate = p12.getCertificate("acai");
      privateKeyPem = pem("PRIVATE KEY", p12.getKey("acai", password).getEncoded());
      Path file = dir.resolve("server.pem");
      Files.writeString(file, pem("CERTIFICATE", certificate.getEncoded()) + privateKeyPem);
      return Map.of("ACAI_TLS_PORT", "0", "ACAI_TLS_KEYSTORE", file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
