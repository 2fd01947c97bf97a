package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.blob.GeneratedBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server's own download route, as the original client and {@code curl} fetch it: big files are
 * sent from the blob file through a direct buffer, small ones (packed into segments) through a
 * stream; either way every byte arrives, with its length announced.
 */
class BlobDownloadRouteTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void aFileOfManyWindowsArrivesWhole() throws Exception {
    // 1 MiB windows: 128 whole ones and a part of one more.
    assertServedWhole((128L << 20) + 4097);
  }

  @Test
  void filesAroundTheThresholdArriveWhole() throws Exception {
    assertServedWhole((1 << 20) - 1);
    assertServedWhole(1 << 20);
    assertServedWhole(100);
  }

  private static void assertServedWhole(long size) throws Exception {
    Wire wire = new Wire(SERVER.endpoint(), SERVER.newUserToken(SERVER.newProject()).userToken());
    byte[] bytes = new byte[Math.toIntExact(size)];
    new Random(size).nextBytes(bytes);
    wire.upload(List.of("/f.bin"), List.of(bytes));
    Http.Answer answer = wire.get("/storage/download_file", "path", "/f.bin");
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    URI url = URI.create(answer.json().get("s3_url").asText());

    HttpResponse<InputStream> response =
        HTTP.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofInputStream());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(size);
    try (InputStream body = response.body()) {
      assertThat(GeneratedBytes.sha256(body)).isEqualTo(GeneratedBytes.sha256(bytes));
    }
  }
}
