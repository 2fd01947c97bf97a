package org.acai.sdk.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.ObjIntConsumer;
import java.util.zip.CRC32C;

/**
 * Large downloads over a connection of their own. {@code java.net.http} hands a body over in small
 * buffers through its selector thread, which holds one stream to a few hundred MB/s; reads into
 * large buffers, hashed and written as they arrive, run near the speed of the disk. Plain HTTP (the
 * server's own data route, S3Proxy) is read into direct buffers by {@link PlainHttp}; anything else
 * through {@link HttpURLConnection}.
 */
final class StreamingDownload {
  /** Bodies at least this large take this path. */
  static final long THRESHOLD = 8L << 20;

  private static final int BUFFER = 1 << 20;
  private static final int BUFFERS = 4;

  private static final ExecutorService WRITERS =
      Executors.newCachedThreadPool(Daemons.threads("acai-download-writer"));
  private static final int CONNECT_TIMEOUT_MILLIS = 30_000;
  private static final int READ_TIMEOUT_MILLIS = 120_000;

  private StreamingDownload() {}

  /**
   * GETs {@code url} into a new file {@code temp}, feeding every byte to {@code digest}, or where
   * the server names the CRC32C of the bytes (its own data route) checking them against that
   * instead, at a thirtieth of a SHA-256's CPU; any status but 200 goes to {@code onError} with the
   * start of the error body (at most {@code maxErrorBody} bytes), which is expected to throw.
   *
   * @return whether the bytes were checked against the server's CRC32C (and {@code digest} left
   *     untouched); false if they went through {@code digest} for the caller to check
   * @throws TransientFailure if the bytes do not match the server's CRC32C
   */
  static boolean fetch(
      URI url,
      Path temp,
      MessageDigest digest,
      LongConsumer counter,
      int maxErrorBody,
      ObjIntConsumer<byte[]> onError)
      throws IOException {
    Optional<PlainHttp> plain = PlainHttp.get(url, CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS);
    if (plain.isPresent()) {
      try (PlainHttp get = plain.get()) {
        if (get.status() != HttpURLConnection.HTTP_OK) {
          onError.accept(get.prefix(maxErrorBody), get.status());
          throw new IOException("HTTP " + get.status() + " for " + url.getPath());
        }
        String expected = get.crc32c();
        CRC32C crc32c = new CRC32C();
        try (FileChannel out = create(temp)) {
          pipe(get::read, true, out, expected == null ? digest::update : crc32c::update, counter);
        }
        if (expected == null) {
          return false;
        }
        String received = Crc32c.hex(crc32c.getValue());
        if (!received.equals(expected)) {
          throw new TransientFailure(
              "the bytes received for "
                  + temp.getFileName()
                  + " have CRC32C "
                  + received
                  + ", not the server's "
                  + expected);
        }
        return true;
      }
    }
    HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
    connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    connection.setReadTimeout(READ_TIMEOUT_MILLIS);
    connection.setInstanceFollowRedirects(false);
    int status = connection.getResponseCode();
    if (status != HttpURLConnection.HTTP_OK) {
      InputStream error = connection.getErrorStream();
      byte[] body = error == null ? new byte[0] : error.readNBytes(maxErrorBody);
      connection.disconnect();
      onError.accept(body, status);
      throw new IOException("HTTP " + status + " for " + url.getPath());
    }
    try (InputStream in = connection.getInputStream();
        FileChannel out = create(temp)) {
      pipe(
          buffer -> {
            int n = in.readNBytes(buffer.array(), buffer.arrayOffset(), buffer.remaining());
            buffer.position(buffer.position() + n);
            return n;
          },
          false,
          out,
          digest::update,
          counter);
    }
    return false;
  }

  private static FileChannel create(Path temp) throws IOException {
    return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /** Fills a buffer from the body until it is full or the body ends; returns the bytes read. */
  private interface Body {
    int fill(ByteBuffer buffer) throws IOException;
  }

  /**
   * Reads the body on this thread while another hashes and writes what was read, through {@value
   * #BUFFERS} rotating buffers (direct ones if {@code direct}): the network, the hash and the disk
   * work at once.
   */
  private static void pipe(
      Body body, boolean direct, FileChannel out, Consumer<ByteBuffer> hash, LongConsumer counter)
      throws IOException {
    BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    for (int i = 0; i < BUFFERS; i++) {
      free.add(direct ? ByteBuffer.allocateDirect(BUFFER) : ByteBuffer.allocate(BUFFER));
    }
    Future<Void> writer = WRITERS.submit(() -> drain(full, free, out, hash, counter));
    try {
      while (true) {
        ByteBuffer buffer = take(free, writer);
        buffer.clear();
        int n = body.fill(buffer);
        buffer.flip();
        full.add(buffer);
        if (n < BUFFER) {
          break;
        }
      }
      writer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while downloading", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } finally {
      writer.cancel(true);
    }
  }

  /** Hashes and writes buffers until a short one (the last) has been written. */
  private static Void drain(
      BlockingQueue<ByteBuffer> full,
      BlockingQueue<ByteBuffer> free,
      FileChannel out,
      Consumer<ByteBuffer> hash,
      LongConsumer counter)
      throws IOException, InterruptedException {
    while (true) {
      ByteBuffer buffer = full.take();
      int n = buffer.remaining();
      hash.accept(buffer.duplicate());
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      counter.accept(n);
      if (n < BUFFER) {
        return null;
      }
      free.add(buffer);
    }
  }

  /** The next free buffer, or the writer's failure as soon as it stops. */
  private static ByteBuffer take(BlockingQueue<ByteBuffer> free, Future<Void> writer)
      throws InterruptedException, ExecutionException {
    while (true) {
      ByteBuffer buffer = free.poll(100, TimeUnit.MILLISECONDS);
      if (buffer != null) {
        return buffer;
      }
      if (writer.isDone()) {
        writer.get();
        throw new ExecutionException(new IOException("The writer stopped early"));
      }
    }
  }
}
