package org.acai.sdk.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.ServiceUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JSON calls against a real local HTTP server that answers as a proxy or a busy server would. */
class TransportTest {
  private HttpServer server;
  private Transport transport;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/moved",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "https://acai.example.org/moved");
          answer(exchange, 301, "");
        });
    server.createContext(
        "/busy-once",
        exchange -> {
          if (seen.stream().noneMatch(call -> call.endsWith("/busy-once"))) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            answer(
                exchange, 429, "{\"error\":{\"code\":\"too_many_requests\",\"message\":\"busy\"}}");
          } else {
            answer(exchange, 200, "{\"ok\":true}");
          }
        });
    server.createContext(
        "/missing",
        exchange ->
            answer(exchange, 404, "{\"error\":{\"code\":\"no_such_file\",\"message\":\"No /a\"}}"));
    server.createContext(
        "/echo",
        exchange ->
            answer(
                exchange,
                200,
                "{\"query\":\""
                    + exchange.getRequestURI().getRawQuery()
                    + "\",\"auth\":\""
                    + exchange.getRequestHeaders().getFirst("Authorization")
                    + "\"}"));
    server.start();
    transport =
        new Transport(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "tok");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange, int status, String body) throws IOException {
    seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
    byte[] bytes = body.getBytes(UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Test
  void aRedirectIsNamedWithWhereItPoints() {
    assertThatThrownBy(() -> transport.get("/moved", Map.of(), JsonNode.class))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("answered 301, a redirect to https://acai.example.org/moved")
        .hasMessageContaining("ACAI_ENDPOINT");
  }

  @Test
  void aBusyAnswerIsRepeatedAfterItsPause() {
    JsonNode answer = transport.post("/busy-once", Map.of("a", 1), JsonNode.class);

    assertThat(answer.path("ok").asBoolean()).isTrue();
    assertThat(seen).containsExactly("POST /busy-once", "POST /busy-once");
  }

  @Test
  void anErrorComesBackAsTheServerNamedIt() {
    assertThatThrownBy(() -> transport.get("/missing", Map.of(), JsonNode.class))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage("No /a");
  }

  @Test
  void queryAndTokenTravelWithTheCall() {
    JsonNode answer = transport.get("/echo", Map.of("path", "/a b&c"), JsonNode.class);

    assertThat(answer.path("query").asText()).isEqualTo("path=%2Fa+b%26c");
    assertThat(answer.path("auth").asText()).isEqualTo("Bearer tok");
  }
}
