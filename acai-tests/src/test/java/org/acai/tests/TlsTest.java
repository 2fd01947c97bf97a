package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
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

  @Test
  void bothThePlainAndTheHttpsPortAreServed() {
    int plain = SERVER.server().port();
    int secure = SERVER.server().tlsPort().orElseThrow();

    Http.Answer overHttp = Http.get(URI.create("http://127.0.0.1:" + plain), "/healthz");
    Http.Answer overHttps = Http.get(URI.create("https://127.0.0.1:" + secure), "/healthz");

    assertThat(plain).isNotEqualTo(secure);
    assertThat(overHttp.status()).isEqualTo(200);
    assertThat(overHttps.status()).isEqualTo(200);
    assertThat(SERVER.server().url().toString()).isEqualTo("http://127.0.0.1:" + plain);
  }

  @Test
  void theOriginalClientOverHttpsUploadsThroughThePresignedUrls() {
    URI https = URI.create("https://127.0.0.1:" + SERVER.server().tlsPort().orElseThrow());
    TestProject project = SERVER.newProject();
    Wire wire = new Wire(https, project.adminToken());
    byte[] bytes = "over https\n".getBytes(StandardCharsets.UTF_8);

    List<String> ids = wire.upload(List.of("/tls/a.txt"), List.of(bytes));
    Http.Answer link = wire.get("/storage/download_file", "path", "/tls/a.txt");
    Http.Answer downloaded = Http.get(URI.create(link.json().get("s3_url").asText()), "");

    assertThat(ids).containsExactly("/tls/a.txt:1");
    assertThat(downloaded.status()).isEqualTo(200);
    assertThat(downloaded.text()).isEqualTo("over https\n");
  }

  static SSLContext trustAll() throws java.security.GeneralSecurityException {
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
