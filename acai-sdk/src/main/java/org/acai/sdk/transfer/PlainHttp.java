package org.acai.sdk.transfer;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One exchange with a plain {@code http://} URL over a socket channel: a GET whose body is read
 * into direct buffers, or a PUT whose body is written from them. The bytes go between the socket
 * and the caller's buffer, and from there to the hash and the file, without the copies into and out
 * of a heap array that a stream-based client makes (about a fifth of a big transfer's CPU). Only
 * what it can do exactly: no proxy, no TLS, and for a GET a response with a Content-Length; {@link
 * #get} and {@link #put} say no to anything else before a body byte moves, and the caller takes its
 * ordinary client. One exchange per connection ({@code Connection: close}). Not thread-safe.
 */
final class PlainHttp implements Closeable {
  private static final int MAX_HEAD = 64 * 1024;

  /** The server's data route names the CRC32C of a download's bytes in this header (lower case). */
  private static final String CRC32C_HEADER = "x-acai-crc32c";

  private final SocketChannel channel;
  private final Selector selector;
  private final int readTimeoutMillis;
  private final ByteBuffer head;
  private final int status;
  private final long length;
  private final boolean chunked;
  private final String crc32c;
  private long remaining;

  private PlainHttp(
      SocketChannel channel,
      Selector selector,
      int readTimeoutMillis,
      ByteBuffer head,
      Head parsed) {
    this.channel = channel;
    this.selector = selector;
    this.readTimeoutMillis = readTimeoutMillis;
    this.head = head;
    this.status = parsed.status();
    this.length = parsed.length();
    this.chunked = parsed.chunked();
    this.remaining = parsed.length();
    this.crc32c = parsed.crc32c();
  }

  private record Head(int status, long length, boolean chunked, int bodyStart, String crc32c) {}

  /** Writes a request's whole body, exactly the length it declared, into a blocking channel. */
  interface BodyWriter {
    void write(SocketChannel channel) throws IOException;
  }

  /**
   * Sends a GET and reads the response's head.
   *
   * @return the response, its body not read yet; empty if this client does not serve the URL (not
   *     plain HTTP, a proxy configured for it) or the answer has no Content-Length (chunked)
   */
  static Optional<PlainHttp> get(URI url, int connectTimeoutMillis, int readTimeoutMillis)
      throws IOException {
    if (!serves(url)) {
      return Optional.empty();
    }
    PlainHttp response =
        exchange(url, "GET", -1, channel -> {}, connectTimeoutMillis, readTimeoutMillis);
    if (response.length < 0) {
      response.close();
      return Optional.empty();
    }
    return Optional.of(response);
  }

  /**
   * Sends a PUT of {@code length} bytes, which {@code body} writes, and reads the response's head.
   *
   * @return the response, its body not read yet; empty (nothing sent) if this client does not serve
   *     the URL (not plain HTTP, a proxy configured for it)
   */
  static Optional<PlainHttp> put(
      URI url, long length, BodyWriter body, int connectTimeoutMillis, int readTimeoutMillis)
      throws IOException {
    if (!serves(url)) {
      return Optional.empty();
    }
    return Optional.of(exchange(url, "PUT", length, body, connectTimeoutMillis, readTimeoutMillis));
  }

  private static boolean serves(URI url) {
    return "http".equalsIgnoreCase(url.getScheme()) && url.getHost() != null && !proxied(url);
  }

  private static PlainHttp exchange(
      URI url,
      String method,
      long length,
      BodyWriter body,
      int connectTimeoutMillis,
      int readTimeoutMillis)
      throws IOException {
    String host = url.getHost();
    int port = url.getPort() == -1 ? 80 : url.getPort();
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    SocketChannel channel = SocketChannel.open();
    Selector selector = null;
    try {
      channel.socket().connect(new InetSocketAddress(bare, port), connectTimeoutMillis);
      ByteBuffer request = StandardCharsets.ISO_8859_1.encode(request(method, url, host, length));
      while (request.hasRemaining()) {
        channel.write(request);
      }
      body.write(channel);
      channel.configureBlocking(false);
      selector = Selector.open();
      channel.register(selector, SelectionKey.OP_READ);
      ByteBuffer head = ByteBuffer.allocateDirect(MAX_HEAD);
      Head parsed = readHead(channel, selector, readTimeoutMillis, head);
      head.limit(head.position()).position(parsed.bodyStart());
      return new PlainHttp(channel, selector, readTimeoutMillis, head, parsed);
    } catch (IOException | RuntimeException e) {
      close(channel, selector);
      throw e;
    }
  }

  /**
   * The CRC32C the server's data route recorded for the body's bytes (8 lower-case hex digits), or
   * null.
   */
  String crc32c() {
    return crc32c;
  }

  /** The response's status code. */
  int status() {
    return status;
  }

  /** The body's length, from Content-Length; -1 if the answer has none. */
  long length() {
    return length;
  }

  /**
   * Reads body bytes into {@code buffer} until it is full or the body ends.
   *
   * @return the bytes read; fewer than the buffer had room for only at the end of the body
   * @throws IOException if the connection ends before the body does, or sends nothing for the read
   *     timeout
   */
  int read(ByteBuffer buffer) throws IOException {
    int start = buffer.position();
    while (buffer.hasRemaining() && remaining > 0) {
      int room = (int) Math.min(buffer.remaining(), remaining);
      int n;
      if (head.hasRemaining()) {
        n = Math.min(room, head.remaining());
        ByteBuffer slice = head.slice().limit(n);
        buffer.put(slice);
        head.position(head.position() + n);
      } else {
        int limit = buffer.limit();
        buffer.limit(buffer.position() + room);
        try {
          n = readSome(channel, selector, readTimeoutMillis, buffer);
        } finally {
          buffer.limit(limit);
        }
        if (n < 0) {
          throw new IOException(
              "The connection closed after " + (length - remaining) + " of " + length + " bytes");
        }
      }
      remaining -= n;
    }
    return buffer.position() - start;
  }

  /**
   * The start of the body, at most {@code max} bytes (an error's explanation); without a
   * Content-Length, what arrives until the connection closes, its chunks unframed.
   */
  byte[] prefix(int max) throws IOException {
    if (length < 0) {
      byte[] raw = untilClosed(chunked ? max + MAX_HEAD : max);
      return chunked ? ChunkedBody.decode(raw, max) : raw;
    }
    ByteBuffer buffer = ByteBuffer.allocateDirect((int) Math.min(max, length));
    read(buffer);
    return bytes(buffer);
  }

  private byte[] untilClosed(int max) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(max);
    int n = Math.min(max, head.remaining());
    buffer.put(head.slice().limit(n));
    while (buffer.hasRemaining() && readSome(channel, selector, readTimeoutMillis, buffer) >= 0) {
      // until the buffer is full or the server closes
    }
    return bytes(buffer);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.flip().remaining()];
    buffer.get(bytes);
    return bytes;
  }

  @Override
  public void close() throws IOException {
    close(channel, selector);
  }

  private static boolean proxied(URI url) {
    ProxySelector proxies = ProxySelector.getDefault();
    if (proxies == null) {
      return false;
    }
    List<Proxy> chosen = proxies.select(url);
    return !(chosen.isEmpty() || chosen.equals(List.of(Proxy.NO_PROXY)));
  }

  private static String request(String method, URI url, String host, long length) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
    String authority = url.getPort() == -1 ? host : host + ":" + url.getPort();
    String body =
        length < 0
            ? ""
            : "Content-Type: application/octet-stream\r\nContent-Length: " + length + "\r\n";
    return method
        + " "
        + path
        + query
        + " HTTP/1.1\r\nHost: "
        + authority
        + "\r\nUser-Agent: acai-sdk\r\nAccept-Encoding: identity\r\n"
        + body
        + "Connection: close\r\n\r\n";
  }

  /** Reads until the blank line that ends the head; the buffer's position is then its end. */
  private static Head readHead(
      SocketChannel channel, Selector selector, int timeoutMillis, ByteBuffer head)
      throws IOException {
    while (true) {
      int end = headEnd(head);
      if (end >= 0) {
        return parse(head, end);
      }
      if (!head.hasRemaining()) {
        throw new IOException("The response's head is larger than " + MAX_HEAD + " bytes");
      }
      if (readSome(channel, selector, timeoutMillis, head) < 0) {
        throw new IOException("The connection closed before the response's head ended");
      }
    }
  }

  /** The index just past the head's blank line, or -1 if it has not arrived yet. */
  private static int headEnd(ByteBuffer head) {
    for (int i = 3; i < head.position(); i++) {
      if (head.get(i) == '\n' && head.get(i - 1) == '\r' && head.get(i - 2) == '\n') {
        return i + 1;
      }
    }
    return -1;
  }

  private static Head parse(ByteBuffer head, int end) throws IOException {
    byte[] bytes = new byte[end];
    head.get(0, bytes);
    String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
      throw new IOException("Not an HTTP/1 response: " + lines[0]);
    }
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (NumberFormatException e) {
      throw new IOException("Not an HTTP status: " + lines[0], e);
    }
    long length = -1;
    boolean chunked = false;
    String crc32c = null;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      if (name.equals("content-length")) {
        try {
          length = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new IOException("Bad Content-Length: " + value, e);
        }
      } else if (name.equals("transfer-encoding")) {
        chunked = true;
      } else if (name.equals(CRC32C_HEADER) && Crc32c.isHex(value)) {
        crc32c = value;
      }
    }
    return new Head(status, chunked ? -1 : length, chunked, end, crc32c);
  }

  /** One read, waiting for bytes up to the timeout; -1 at the end of the stream. */
  private static int readSome(
      SocketChannel channel, Selector selector, int timeoutMillis, ByteBuffer buffer)
      throws IOException {
    int n = channel.read(buffer);
    while (n == 0) {
      if (selector.select(timeoutMillis) == 0) {
        throw new SocketTimeoutException("No bytes from the server for " + timeoutMillis + " ms");
      }
      selector.selectedKeys().clear();
      n = channel.read(buffer);
    }
    return n;
  }

  private static void close(SocketChannel channel, Selector selector) throws IOException {
    try (channel) {
      if (selector != null) {
        selector.close();
      }
    }
  }
}
