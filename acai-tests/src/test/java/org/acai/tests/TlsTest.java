package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The original client speaks https with certificate checks off: a self-signed certificate. */
class TlsTest {
  @RegisterExtension
  static final AcaiServerExtension SERVER = new AcaiServerExtension().withEnv("ACAI_TLS_PORT", "0");

  @Test
  void httpsServesTheSameApiWithASelfSignedCertificate() throws Exception {
    int port = SERVER.server().tlsPort().orElseThrow();
    HttpClient insecure = HttpClient.newBuilder().sslContext(trustAll()).build();

    HttpResponse<String> response =
        insecure.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/healthz")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.sslSession()).isPresent();
    assertThat(SERVER.home().resolve("tls/self-signed.p12")).exists();
  }

  static SSLContext trustAll() throws Exception {
    TrustManager trustEverything =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustEverything}, new SecureRandom());
    return context;
  }
}
