package org.acai.sdk.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.function.Supplier;
import org.acai.api.error.AcaiException;

/**
 * Streamed calls over a blocking connection: the calling thread reads and writes the socket itself.
 * {@code java.net.http} hands a body between the caller and its selector thread in small buffers,
 * with a wake-up for each; for a stream of 10k small files that hand-over cost the client more CPU
 * than the files did (about 11k futex calls and 6k small socket reads for 40 MB).
 */
final class BlockingExchange {
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final int READ_TIMEOUT_MILLIS = 300_000;
  private static final int CHUNK = 256 * 1024;
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final URI endpoint;
  private final URI url;
  private final String token;

  /** Calls of {@code path} on the server at {@code endpoint}, with {@code token} (or none). */
  BlockingExchange(URI endpoint, String path, String token) {
    this.endpoint = endpoint;
    this.url = URI.create(endpoint + path);
    this.token = token;
  }

  /**
   * POSTs {@code body} and returns the answer's stream, read straight from the socket; the caller
   * closes it.
   *
   * @throws AcaiException the error the server answered with, or that it cannot be reached
   */
  InputStream post(String contentType, byte[] body) {
    HttpURLConnection connection = open(contentType);
    try {
      send(connection, body);
      return answer(connection);
    } catch (IOException e) {
      throw Transport.unreachable(endpoint, e);
    }
  }

  /**
   * GETs {@code query} (already encoded, or empty) of this path and returns the whole answer.
   *
   * @throws IOException if the server cannot be reached or drops the connection
   */
  Answer get(String query) throws IOException {
    URI target = query.isEmpty() ? url : URI.create(url + "?" + query);
    return whole(open(target, "GET", null));
  }

  /**
   * POSTs {@code body} whole and returns the whole answer.
   *
   * @throws IOException if the server cannot be reached or drops the connection
   */
  Answer postWhole(String contentType, byte[] body) throws IOException {
    HttpURLConnection connection = open(contentType);
    send(connection, body);
    return whole(connection);
  }

  private static void send(HttpURLConnection connection, byte[] body) throws IOException {
    connection.setFixedLengthStreamingMode(body.length);
    try (OutputStream out = connection.getOutputStream()) {
      out.write(body);
    }
  }

  private static Answer whole(HttpURLConnection connection) throws IOException {
    int status = connection.getResponseCode();
    byte[] bytes;
    if (status == 200) {
      try (InputStream in = connection.getInputStream()) {
        bytes = in.readAllBytes();
      }
    } else {
      bytes = errorBody(connection);
    }
    return new Answer(
        status,
        connection.getHeaderField("Retry-After"),
        connection.getHeaderField("Location"),
        bytes);
  }

  /**
   * POSTs what {@code body} gives, chunked as it is read, and returns the whole answer; the status
   * goes with it so that the caller can decide on a retry.
   *
   * @throws AcaiException if the server cannot be reached or drops the connection
   */
  Answer postStreamed(String contentType, Supplier<? extends InputStream> body) {
    HttpURLConnection connection = open(contentType);
    connection.setChunkedStreamingMode(CHUNK);
    IOException sending = null;
    try (InputStream in = body.get();
        OutputStream out = connection.getOutputStream()) {
      byte[] buffer = new byte[CHUNK];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
      }
    } catch (ConnectException e) {
      throw Transport.unreachable(endpoint, e);
    } catch (IOException e) {
      // The server may have answered (a refusal) and closed before taking the rest: read it.
      sending = e;
    }
    try {
      return whole(connection);
    } catch (IOException e) {
      throw Transport.unreachable(endpoint, sending != null ? sending : e);
    }
  }

  /**
   * A whole answer: status, the {@code Retry-After} and {@code Location} headers (or null), body.
   */
  static final class Answer {
    private final int status;
    private final String retryAfter;
    private final String location;
    private final byte[] body;

    Answer(int status, String retryAfter, String location, byte[] body) {
      this.status = status;
      this.retryAfter = retryAfter;
      this.location = location;
      this.body = body;
    }

    int status() {
      return status;
    }

    String retryAfter() {
      return retryAfter;
    }

    String location() {
      return location;
    }

    byte[] body() {
      return body;
    }
  }

  private HttpURLConnection open(String contentType) {
    return open(url, "POST", contentType);
  }

  private HttpURLConnection open(URI target, String method, String contentType) {
    try {
      HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection();
      connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
      connection.setReadTimeout(READ_TIMEOUT_MILLIS);
      connection.setInstanceFollowRedirects(false);
      connection.setRequestMethod(method);
      if (contentType != null) {
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", contentType);
      }
      connection.setRequestProperty("Accept", "application/json");
      if (token != null) {
        connection.setRequestProperty("Authorization", "Bearer " + token);
      }
      return connection;
    } catch (IOException e) {
      throw Transport.unreachable(endpoint, e);
    }
  }

  private static InputStream answer(HttpURLConnection connection) throws IOException {
    int status = connection.getResponseCode();
    if (status == 200) {
      return new NoReadAhead(connection.getInputStream());
    }
    throw ServerErrors.toException(status, errorBody(connection));
  }

  /**
   * A streamed answer that says nothing is available, so that a {@link java.io.BufferedInputStream}
   * over it returns a short read as it is instead of asking. The JDK's chunked HTTP stream answers
   * {@code available()} by reading all the socket holds into a buffer it regrows to fit, and a
   * buffered reader asks on every short read: when a batch download's reader fell behind (a busy
   * disk) and the server ran ahead, each question copied or allocated megabytes, and a 10k-file
   * download in the resident client met hundreds of full collections (431 young and 167 full in one
   * 10.4 s download).
   */
  private static final class NoReadAhead extends FilterInputStream {
    NoReadAhead(InputStream in) {
      super(in);
    }

    @Override
    public int available() {
      return 0;
    }
  }

  /** The start of an error answer's body (at most {@value #MAX_ERROR_BODY} bytes). */
  private static byte[] errorBody(HttpURLConnection connection) throws IOException {
    InputStream error = connection.getErrorStream();
    if (error == null) {
      return new byte[0];
    }
    try (error) {
      return error.readNBytes(MAX_ERROR_BODY);
    }
  }
}
