package org.acai.sdk.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.acai.api.error.BadSignatureException;
import org.acai.api.error.InvalidRequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads of big files (past {@link StreamingUpload#THRESHOLD}) against a real local HTTP server:
 * plain HTTP is written from a direct buffer over a socket channel, whole or in parts, hashed on
 * the way, and the answer is read whether it has a length or comes in chunks.
 */
class StreamingUploadTest {
  private static final byte[] BIG = new byte[(int) StreamingUpload.THRESHOLD + (3 << 20) + 13];
  private static final byte[] REFUSAL =
      "{\"error\":{\"code\":\"invalid_request\",\"message\":\"Too big for this session\"}}"
          .getBytes(UTF_8);

  static {
    new Random(7).nextBytes(BIG);
  }

  @TempDir Path dir;
  private HttpServer server;
  private final List<String> agents = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> received = new ConcurrentHashMap<>();
  private final Transfers transfers = new Transfers(HttpClient.newHttpClient());
  private final TransferOptions fast =
      TransferOptions.builder().maxAttempts(2).firstBackoff(Duration.ofMillis(1)).build();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/put", exchange -> answer(exchange, 200, "{}".getBytes(UTF_8), true));
    server.createContext(
        "/forbidden",
        exchange -> {
          agents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
          BadSignature.answer(exchange);
        });
    // Answered chunked (no Content-Length): the error document must still be read whole.
    server.createContext("/refused", exchange -> answer(exchange, 400, REFUSAL, false));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aBigFileGoesOverTheSocketChannelWholeAndHashedOnTheWay() throws Exception {
    Path file = Files.write(dir.resolve("big.bin"), BIG);

    List<String> digests =
        transfers.upload(List.of(new UploadTask(url("/put"), file, BIG.length)), fast);

    assertThat(received.get("/put")).isEqualTo(BIG);
    assertThat(agents).containsExactly("acai-sdk");
    assertThat(digests).containsExactly(sha256(BIG));
  }

  @Test
  void behindAProxyTheJdkClientSendsTheFileWholeAndHashed() throws Exception {
    Path file = Files.write(dir.resolve("big.bin"), BIG);
    ProxySelector before = ProxySelector.getDefault();
    // The test server is the proxy: it sees the absolute URL's path.
    ProxySelector.setDefault(ProxySelector.of(server.getAddress()));
    List<String> digests;
    try {
      digests =
          transfers.upload(
              List.of(new UploadTask("http://upload.invalid/put/proxied", file, BIG.length)), fast);
    } finally {
      ProxySelector.setDefault(before);
    }

    assertThat(received.get("/put/proxied")).isEqualTo(BIG);
    assertThat(agents).singleElement().asString().startsWith("Java");
    assertThat(digests).containsExactly(sha256(BIG));
  }

  @Test
  void partsAreSentFromTheirOwnOffsets() throws Exception {
    Path file = Files.write(dir.resolve("big.bin"), BIG);
    long part = 5L << 20;
    List<String> urls = List.of(url("/put/0"), url("/put/1"), url("/put/2"));

    List<String> digests =
        transfers.upload(List.of(new UploadTask(null, file, BIG.length, urls, part)), fast);

    assertThat(received.get("/put/0")).isEqualTo(Arrays.copyOfRange(BIG, 0, (int) part));
    assertThat(received.get("/put/1"))
        .isEqualTo(Arrays.copyOfRange(BIG, (int) part, 2 * (int) part));
    assertThat(received.get("/put/2"))
        .isEqualTo(Arrays.copyOfRange(BIG, 2 * (int) part, BIG.length));
    assertThat(agents).containsExactly("acai-sdk", "acai-sdk", "acai-sdk");
    assertThat(digests).containsExactly(sha256(BIG));
  }

  @Test
  void aRefusalIsReadAndNotRetried() throws Exception {
    Path file = Files.write(dir.resolve("big.bin"), BIG);
    List<UploadTask> tasks = List.of(new UploadTask(url("/forbidden"), file, BIG.length));

    assertThatThrownBy(() -> transfers.upload(tasks, fast))
        .isInstanceOf(BadSignatureException.class)
        .hasMessage("Bad signature");
    assertThat(agents).containsExactly("acai-sdk");
  }

  @Test
  void aChunkedErrorAnswerIsUnframed() throws Exception {
    Path file = Files.write(dir.resolve("big.bin"), BIG);
    List<UploadTask> tasks = List.of(new UploadTask(url("/refused"), file, BIG.length));

    assertThatThrownBy(() -> transfers.upload(tasks, fast))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Too big for this session");
    assertThat(received.get("/refused")).isEqualTo(BIG);
  }

  @Test
  void aFileShorterThanDeclaredIsRefusedWithoutRetrying() throws Exception {
    Path file = Files.write(dir.resolve("big.bin"), Arrays.copyOf(BIG, BIG.length - 1));
    List<UploadTask> tasks = List.of(new UploadTask(url("/put"), file, BIG.length));

    assertThatThrownBy(() -> transfers.upload(tasks, fast))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("shrank while being sent");
  }

  /** Keeps the request body under its path, then answers (with a length, or chunked). */
  private void answer(HttpExchange exchange, int status, byte[] body, boolean withLength)
      throws IOException {
    agents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
    received.put(exchange.getRequestURI().getPath(), exchange.getRequestBody().readAllBytes());
    exchange.sendResponseHeaders(status, withLength ? body.length : 0);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
    exchange.close();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path + "?sig=a%2Fb&x=1";
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
