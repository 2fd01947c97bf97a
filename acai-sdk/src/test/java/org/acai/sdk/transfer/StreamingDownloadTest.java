package org.acai.sdk.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.acai.api.error.BadSignatureException;
import org.acai.api.error.ServiceFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads of big files (past {@link StreamingDownload#THRESHOLD}) against a real local HTTP
 * server: plain HTTP with a Content-Length is read over a socket channel, anything else falls back
 * to the JDK's client, and a cut connection or an error answer is treated as one.
 */
class StreamingDownloadTest {
  private static final byte[] BIG = new byte[(int) StreamingDownload.THRESHOLD + (3 << 20) + 13];

  static {
    new Random(42).nextBytes(BIG);
  }

  @TempDir Path dir;
  private HttpServer server;
  private final List<String> agents = new CopyOnWriteArrayList<>();
  private final Transfers transfers = new Transfers(HttpClient.newHttpClient());
  private final TransferOptions fast =
      TransferOptions.builder().maxAttempts(2).firstBackoff(Duration.ofMillis(1)).build();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/big", exchange -> send(exchange, BIG.length));
    // A length of 0 makes the server answer chunked: no Content-Length.
    server.createContext("/chunked", exchange -> send(exchange, 0));
    server.createContext(
        "/forbidden",
        exchange -> {
          agents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
          BadSignature.answer(exchange);
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aBodyWithItsLengthIsReadOverTheSocketChannelAndArrivesWhole() throws Exception {
    Path target = dir.resolve("big.bin");

    transfers.download(List.of(new DownloadTask(url("/big"), target, BIG.length, sha256())), fast);

    assertThat(target).hasBinaryContent(BIG);
    assertThat(agents).containsExactly("acai-sdk");
  }

  @Test
  void aChunkedBodyIsFetchedAgainByTheJdkClient() throws Exception {
    Path target = dir.resolve("big.bin");

    transfers.download(
        List.of(new DownloadTask(url("/chunked"), target, BIG.length, sha256())), fast);

    assertThat(target).hasBinaryContent(BIG);
    assertThat(agents).hasSize(2);
    assertThat(agents.get(0)).isEqualTo("acai-sdk");
    assertThat(agents.get(1)).startsWith("Java");
  }

  @Test
  void aCutConnectionIsRetriedAndLeavesNothingBehind() throws Exception {
    Path target = dir.resolve("big.bin");
    AtomicInteger cuts = new AtomicInteger();
    try (ServerSocket cutter = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
      Thread serving = new Thread(() -> cutHalfway(cutter, cuts), "cutter");
      serving.setDaemon(true);
      serving.start();
      String url = "http://127.0.0.1:" + cutter.getLocalPort() + "/cut";
      List<DownloadTask> tasks = List.of(new DownloadTask(url, target, BIG.length, sha256()));

      assertThatThrownBy(() -> transfers.download(tasks, fast))
          .isInstanceOf(ServiceFailureException.class)
          .hasMessageContaining("after 2 attempt(s)")
          .hasMessageContaining("closed after");
    }
    assertThat(cuts).hasValue(2);
    assertThat(dir.toFile().list()).isEmpty();
  }

  /** A server that declares the whole body, sends half of it and closes the connection. */
  private static void cutHalfway(ServerSocket cutter, AtomicInteger cuts) {
    while (!cutter.isClosed()) {
      try (Socket socket = cutter.accept()) {
        BufferedReader request =
            new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
        for (String line = request.readLine(); line != null && !line.isEmpty(); ) {
          line = request.readLine();
        }
        OutputStream out = socket.getOutputStream();
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Length: " + BIG.length + "\r\n\r\n").getBytes(UTF_8));
        out.write(BIG, 0, BIG.length / 2);
        out.flush();
        cuts.incrementAndGet();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Test
  void anErrorAnswerIsReadAndNotRetried() throws Exception {
    Path target = dir.resolve("big.bin");
    List<DownloadTask> tasks =
        List.of(new DownloadTask(url("/forbidden"), target, BIG.length, sha256()));

    assertThatThrownBy(() -> transfers.download(tasks, fast))
        .isInstanceOf(BadSignatureException.class)
        .hasMessage("Bad signature");
    assertThat(agents).containsExactly("acai-sdk");
    assertThat(dir.toFile().list()).isEmpty();
  }

  /** Answers 200 with a declared length (0: chunked) and the whole body. */
  private void send(HttpExchange exchange, long declared) throws IOException {
    agents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
    exchange.sendResponseHeaders(200, declared);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(BIG);
    }
    exchange.close();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path + "?sig=a%2Fb&x=1";
  }

  private static String sha256() throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(BIG));
  }
}
