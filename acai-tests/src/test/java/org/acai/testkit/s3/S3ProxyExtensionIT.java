package org.acai.testkit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.acai.server.blob.BlobConfig;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.BlobStores;
import org.acai.server.blob.S3BlobConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ProxyExtensionIT {
  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  @Test
  void runsBesideAJavalinServerInOneJvm() throws Exception {
    Javalin app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.routes.get("/ping", ctx -> ctx.result("pong"));
                })
            .start(0);
    try (BlobStore store = BlobStores.fromConfig(S3.blobConfig())) {
      store.stage("uploads/j/0", new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}), 3L, null);
      BlobRef blob = store.commit("uploads/j/0", null);

      HttpResponse<String> pong =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/ping"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(pong.body()).isEqualTo("pong");
      assertThat(store.open(blob).readAllBytes()).containsExactly(1, 2, 3);
    } finally {
      app.stop();
    }
  }

  @Test
  void refusesRequestsSignedWithAnotherSecret() {
    S3BlobConfig wrong =
        S3BlobConfig.of(S3.endpoint(), S3ProxyExtension.BUCKET, "acai-test-key", "not-the-secret");

    assertThatThrownBy(() -> BlobStores.fromConfig(BlobConfig.s3(wrong)).close())
        .hasMessageContaining("Cannot open bucket");
  }

  @Test
  void clientSeesWhatItWrites() {
    try (S3Client client = S3.newClient()) {
      client.createBucket(request -> request.bucket("plain-client"));
      client.putObject(
          request -> request.bucket("plain-client").key("k"), RequestBody.fromString("v"));

      assertThat(
              client
                  .getObjectAsBytes(request -> request.bucket("plain-client").key("k"))
                  .asUtf8String())
          .isEqualTo("v");
      assertThatThrownBy(
              () -> client.getObjectAsBytes(request -> request.bucket("plain-client").key("none")))
          .isInstanceOf(S3Exception.class);
    }
  }
}
