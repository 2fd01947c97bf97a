package org.acai.sdk.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.acai.api.error.AcaiException;
import org.acai.api.error.ErrorCode;
import org.acai.api.error.ServiceUnavailableException;
import org.acai.api.json.WireJson;

/**
 * JSON calls to the ACAI server: GET with query parameters, POST with a JSON body, the token as a
 * bearer header, each over a blocking {@code HttpURLConnection} (kept-alive connections are
 * reused). Not {@code java.net.http}: building its client (a selector thread, the default TLS
 * context read from the trusted certificates even for plain http) cost a short command about 0.35 s
 * of CPU. A call the server refuses as busy (429) is repeated after its {@code Retry-After}, a few
 * times. Errors come back as the {@link AcaiException} subtype the server named. Thread-safe.
 */
public final class Transport {
  /** Tries of a request the server answers 429 (busy): waits of 1+2+3+4+5 s at Retry-After 1. */
  private static final int BUSY_ATTEMPTS = 6;

  private final URI endpoint;
  private final String token;

  /**
   * Creates a transport.
   *
   * @param endpoint the server's base URL, e.g. {@code http://127.0.0.1:8080}
   * @param token the bearer token, or null for calls that carry their own credential
   */
  public Transport(URI endpoint, String token) {
    this.endpoint = stripSlash(endpoint);
    this.token = token;
  }

  /** The server's base URL. */
  public URI endpoint() {
    return endpoint;
  }

  /** GET {@code path} with query parameters, reading the answer as {@code type}. */
  public <T> T get(String path, Map<String, ?> query, Class<T> type) {
    return decode(getBytes(path, query), type);
  }

  /** GET {@code path} with query parameters, reading the answer as a generic type. */
  public <T> T get(String path, Map<String, ?> query, TypeReference<T> type) {
    return decode(getBytes(path, query), type);
  }

  private byte[] getBytes(String path, Map<String, ?> query) {
    String queryString =
        query.entrySet().stream()
            .filter(entry -> entry.getValue() != null)
            .map(entry -> encode(entry.getKey()) + "=" + encode(String.valueOf(entry.getValue())))
            .collect(Collectors.joining("&"));
    BlockingExchange exchange = new BlockingExchange(endpoint, path, token);
    return call(path, () -> exchange.get(queryString), true);
  }

  /** POST {@code body} as JSON to {@code path}, reading the answer as {@code type}. */
  public <T> T post(String path, Object body, Class<T> type) {
    return decode(postBytes(path, body), type);
  }

  /** POST {@code body} as JSON to {@code path}, reading the answer as a generic type. */
  public <T> T post(String path, Object body, TypeReference<T> type) {
    return decode(postBytes(path, body), type);
  }

  private byte[] postBytes(String path, Object body) {
    byte[] json;
    try {
      json = WireJson.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot encode request body for " + path, e);
    }
    BlockingExchange exchange = new BlockingExchange(endpoint, path, token);
    return call(path, () -> exchange.postWhole("application/json", json), false);
  }

  /**
   * POST the stream {@code body} gives to {@code path} over a blocking connection, reading the JSON
   * answer as {@code type}. A refusal as busy (429) asks {@code body} for the stream again.
   */
  public <T> T postStream(
      String path, String contentType, Supplier<? extends InputStream> body, Class<T> type) {
    BlockingExchange exchange = new BlockingExchange(endpoint, path, token);
    return decode(call(path, () -> exchange.postStreamed(contentType, body), false), type);
  }

  /**
   * POST {@code body} as JSON to {@code path} and stream the answer, read straight from the socket
   * over a blocking connection; the caller closes it.
   *
   * @throws AcaiException the error the server answered with
   */
  public InputStream postForStream(String path, Object body) {
    byte[] json;
    try {
      json = WireJson.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot encode request body for " + path, e);
    }
    return new BlockingExchange(endpoint, path, token).post("application/json", json);
  }

  /** One call of the server, as {@link BlockingExchange} makes it. */
  @FunctionalInterface
  private interface Call {
    BlockingExchange.Answer send() throws IOException;
  }

  /**
   * Makes {@code call}, again after a pause while the server answers 429 (refused before any work
   * was done, so safe to repeat, POSTs included), and returns the body of its 200 answer.
   */
  private byte[] call(String path, Call call, boolean idempotent) {
    BlockingExchange.Answer answer;
    try {
      answer = once(call, idempotent);
      for (int attempt = 1; answer.status() == 429 && attempt < BUSY_ATTEMPTS; attempt++) {
        Thread.sleep(busyPause(answer.retryAfter(), attempt));
        answer = once(call, idempotent);
      }
    } catch (IOException e) {
      throw unreachable(endpoint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException(e, "Interrupted while calling %s", path);
    }
    if (answer.status() / 100 == 3) {
      // The API never redirects: a proxy in front of it does (http to https, say).
      throw new ServiceUnavailableException(
          "The ACAI server at %s answered %d, a redirect to %s: set ACAI_ENDPOINT to the"
              + " server's own address",
          endpoint, answer.status(), answer.location());
    }
    if (answer.status() != 200) {
      throw ServerErrors.toException(answer.status(), answer.body());
    }
    return answer.body();
  }

  /**
   * One call; an idempotent one that fails on its connection is made once more, since a kept-alive
   * connection the server closed while idle fails the request that reuses it.
   */
  private static BlockingExchange.Answer once(Call call, boolean idempotent) throws IOException {
    try {
      return call.send();
    } catch (ConnectException e) {
      throw e;
    } catch (IOException e) {
      if (!idempotent) {
        throw e;
      }
      return call.send();
    }
  }

  /** The failure of a call that did not get an answer from the server at {@code endpoint}. */
  static ServiceUnavailableException unreachable(URI endpoint, IOException e) {
    return e instanceof ConnectException
        ? new ServiceUnavailableException(
            e, "Cannot reach the ACAI server at %s: connection refused", endpoint)
        : new ServiceUnavailableException(
            e, "Cannot reach the ACAI server at %s: %s", endpoint, e.getMessage());
  }

  /**
   * How long to wait before repeating a request answered 429: the server's {@code Retry-After}
   * seconds (1 if absent or unreadable, at most 10) times the attempt, so that waits grow.
   */
  private static long busyPause(String retryAfter, int attempt) {
    long seconds = 1;
    try {
      seconds = Long.parseLong(retryAfter == null ? "1" : retryAfter.trim());
    } catch (NumberFormatException e) {
      // an HTTP date or garbage: the default
    }
    return Math.min(Math.max(seconds, 1), 10) * 1000L * attempt;
  }

  private static <T> T decode(byte[] body, Class<T> type) {
    try {
      return WireJson.mapper().readValue(body, type);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  private static <T> T decode(byte[] body, TypeReference<T> type) {
    try {
      return WireJson.mapper().readValue(body, type);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  private static AcaiException unreadable(IOException e) {
    return new AcaiException(
        ErrorCode.SERVICE_FAILURE, e, "Unreadable answer from the server: %s", e.getMessage());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static URI stripSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
  }
}
