package org.acai.sdk.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.ObjIntConsumer;
import org.acai.api.error.InvalidRequestException;

/**
 * Large uploads over a blocking connection. {@code java.net.http} takes a file body in small
 * buffers through its selector thread, which holds one stream to a few hundred MB/s; a fixed-length
 * streamed PUT written from a large buffer runs near the speed of the loopback and the disk. Plain
 * HTTP (the server's own data route, S3Proxy) is written from a direct buffer by {@link PlainHttp},
 * so the bytes go from the file to the socket without a copy through the heap; anything else
 * through {@link HttpURLConnection}.
 */
final class StreamingUpload {
  /** Bodies at least this large take this path. */
  static final long THRESHOLD = StreamingDownload.THRESHOLD;

  private static final int BUFFER = 1 << 20;
  private static final int CONNECT_TIMEOUT_MILLIS = 30_000;
  private static final int READ_TIMEOUT_MILLIS = 300_000;

  private StreamingUpload() {}

  /**
   * PUTs exactly {@code size} bytes of {@code file} from {@code offset} to {@code url}, handing
   * them to {@code hash} (unless null: a digest's or a checksum's update) on the way (one read of
   * the file); each buffer it gets is its own view, which it may consume; the answer's status and
   * the start of its body (at most {@code maxBody} bytes) go to {@code onAnswer}, which is expected
   * to throw unless the status is 2xx.
   *
   * @throws InvalidRequestException if the file cannot be opened or is shorter than {@code size}
   */
  static void send(
      URI url,
      Path file,
      long offset,
      long size,
      Consumer<ByteBuffer> hash,
      LongConsumer counter,
      int maxBody,
      ObjIntConsumer<byte[]> onAnswer)
      throws IOException {
    FileChannel in;
    try {
      in = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new InvalidRequestException("Cannot upload %s: not a readable file", file);
    }
    try (in) {
      Optional<PlainHttp> plain =
          PlainHttp.put(
              url,
              size,
              channel ->
                  copy(
                      in,
                      offset,
                      size,
                      file,
                      hash,
                      counter,
                      ByteBuffer.allocateDirect(BUFFER),
                      Sink.of(channel)),
              CONNECT_TIMEOUT_MILLIS,
              READ_TIMEOUT_MILLIS);
      if (plain.isPresent()) {
        try (PlainHttp answer = plain.get()) {
          onAnswer.accept(answer.prefix(maxBody), answer.status());
        }
        return;
      }
      HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
      connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
      connection.setReadTimeout(READ_TIMEOUT_MILLIS);
      connection.setInstanceFollowRedirects(false);
      connection.setRequestMethod("PUT");
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "application/octet-stream");
      connection.setFixedLengthStreamingMode(size);
      try (OutputStream out = connection.getOutputStream()) {
        copy(in, offset, size, file, hash, counter, ByteBuffer.allocate(BUFFER), Sink.of(out));
      }
      int status = connection.getResponseCode();
      InputStream body =
          status / 100 == 2 ? connection.getInputStream() : connection.getErrorStream();
      byte[] answer = body == null ? new byte[0] : body.readNBytes(maxBody);
      if (body != null) {
        body.close();
      }
      onAnswer.accept(answer, status);
    }
  }

  /** Where the bytes read from the file go: all of a buffer's remaining bytes at each call. */
  private interface Sink {
    void write(ByteBuffer bytes) throws IOException;

    /** A socket channel's sink. */
    static Sink of(SocketChannel channel) {
      return bytes -> {
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      };
    }

    /** A stream's sink, for heap buffers. */
    static Sink of(OutputStream out) {
      return bytes ->
          out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    }
  }

  /**
   * Sends {@code size} bytes of the file from {@code offset} to {@code out} through {@code buffer}
   * (a direct one for a socket channel, so no byte passes through the heap), hashing them on the
   * way.
   */
  private static void copy(
      FileChannel in,
      long offset,
      long size,
      Path file,
      Consumer<ByteBuffer> hash,
      LongConsumer counter,
      ByteBuffer buffer,
      Sink out)
      throws IOException {
    long sent = 0;
    while (sent < size) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), size - sent));
      int n = in.read(buffer, offset + sent);
      if (n < 0) {
        throw shrank(file, sent, size);
      }
      buffer.flip();
      if (hash != null) {
        hash.accept(buffer.duplicate());
      }
      out.write(buffer);
      sent += n;
      counter.accept(n);
    }
  }

  private static InvalidRequestException shrank(Path file, long sent, long size) {
    return new InvalidRequestException(
        "Cannot upload %s: it shrank while being sent (%d of %d bytes)", file, sent, size);
  }
}
