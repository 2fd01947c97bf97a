package org.acai.sdk.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.acai.api.error.BadSignatureException;
import org.acai.api.error.ServiceFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transfers against a real local HTTP server that misbehaves on purpose. */
class TransfersTest {
  private static final byte[] CONTENT = "some bytes to move".getBytes(UTF_8);

  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<byte[]> received = new CopyOnWriteArrayList<>();
  private final Transfers transfers = new Transfers(HttpClient.newHttpClient());
  private final TransferOptions fast =
      TransferOptions.builder().maxAttempts(3).firstBackoff(Duration.ofMillis(1)).build();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/flaky", exchange -> answer(exchange, requests.get() < 2 ? 503 : 200));
    server.createContext("/broken", exchange -> answer(exchange, 500));
    server.createContext(
        "/forbidden",
        exchange -> {
          requests.incrementAndGet();
          BadSignature.answer(exchange);
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void serverErrorsAreRetriedUntilTheUploadLands() throws Exception {
    Path file = Files.write(dir.resolve("f"), CONTENT);

    transfers.upload(List.of(new UploadTask(url("/flaky"), file, CONTENT.length)), fast);

    assertThat(requests).hasValue(3);
    assertThat(received).last().isEqualTo(CONTENT);
  }

  @Test
  void clientErrorsAreNotRetried() throws Exception {
    Path file = Files.write(dir.resolve("f"), CONTENT);
    List<UploadTask> tasks = List.of(new UploadTask(url("/forbidden"), file, CONTENT.length));

    assertThatThrownBy(() -> transfers.upload(tasks, fast))
        .isInstanceOf(BadSignatureException.class)
        .hasMessage("Bad signature");
    assertThat(requests).hasValue(1);
  }

  @Test
  void persistentServerErrorsFailAfterTheLastAttempt() throws Exception {
    Path file = Files.write(dir.resolve("f"), CONTENT);
    List<UploadTask> tasks = List.of(new UploadTask(url("/broken"), file, CONTENT.length));

    assertThatThrownBy(() -> transfers.upload(tasks, fast))
        .isInstanceOf(ServiceFailureException.class)
        .hasMessageContaining("after 3 attempt(s)")
        .hasMessageContaining("HTTP 500");
    assertThat(requests).hasValue(3);
  }

  @Test
  void refusedConnectionsAreRetriedThenReported() throws Exception {
    Path file = Files.write(dir.resolve("f"), CONTENT);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    List<UploadTask> tasks =
        List.of(new UploadTask("http://127.0.0.1:" + closedPort + "/x", file, CONTENT.length));

    assertThatThrownBy(() -> transfers.upload(tasks, fast))
        .isInstanceOf(ServiceFailureException.class)
        .hasMessageContaining("after 3 attempt(s)");
  }

  @Test
  void downloadChecksTheDigestAndLeavesNothingBehindOnMismatch() throws Exception {
    Path target = dir.resolve("out.bin");
    List<DownloadTask> wrong =
        List.of(new DownloadTask(url("/flaky"), target, CONTENT.length, sha256(new byte[1])));

    assertThatThrownBy(() -> transfers.download(wrong, fast))
        .isInstanceOf(ServiceFailureException.class)
        .hasMessageContaining("do not match their SHA-256");
    assertThat(dir.toFile().list()).isEmpty();
  }

  @Test
  void downloadRetriesReplacesTheTargetAndReportsProgress() throws Exception {
    Path target = Files.writeString(dir.resolve("out.bin"), "old content");
    List<long[]> reports = new CopyOnWriteArrayList<>();
    TransferOptions options =
        fast.toBuilder()
            .listener((bytes, total, files, totalFiles) -> reports.add(new long[] {bytes, files}))
            .build();

    transfers.download(
        List.of(new DownloadTask(url("/flaky"), target, CONTENT.length, sha256(CONTENT))), options);

    assertThat(target).hasBinaryContent(CONTENT);
    assertThat(reports).last().isEqualTo(new long[] {CONTENT.length, 1});
    assertThat(dir.toFile().list()).containsExactly("out.bin");
  }

  @Test
  void describeReadsSizeAndDigestAndRefusesWhatIsNotAFile() throws Exception {
    Path file = Files.write(dir.resolve("f"), CONTENT);
    Path empty = Files.write(dir.resolve("e"), new byte[0]);

    List<LocalFile> described = transfers.describe(List.of(file, empty), fast);

    assertThat(described)
        .containsExactly(
            new LocalFile(file, CONTENT.length, sha256(CONTENT)),
            new LocalFile(empty, 0, sha256(new byte[0])));
    assertThatThrownBy(() -> transfers.describe(List.of(dir), fast))
        .hasMessageContaining("not a readable file");
  }

  private void answer(HttpExchange exchange, int status) throws IOException {
    requests.incrementAndGet();
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (status == 200 && "PUT".equals(exchange.getRequestMethod())) {
      received.add(body);
    }
    byte[] reply = "GET".equals(exchange.getRequestMethod()) && status == 200 ? CONTENT : body;
    exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
    exchange.getResponseBody().write(reply);
    exchange.close();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
