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
import java.util.function.LongConsumer;
import java.util.function.ObjIntConsumer;

/**
 * Large downloads over a blocking connection. {@code java.net.http} hands a body over in small
 * buffers through its selector thread, which holds one stream to a few hundred MB/s; a blocking
 * read into a large buffer, hashed and written as it arrives, runs near the speed of the disk.
 */
final class StreamingDownload {
  /** Bodies at least this large take this path. */
  static final long THRESHOLD = 8L << 20;

  private static final int BUFFER = 1 << 20;
  private static final int CONNECT_TIMEOUT_MILLIS = 30_000;
  private static final int READ_TIMEOUT_MILLIS = 120_000;

  private StreamingDownload() {}

  /**
   * GETs {@code url} into a new file {@code temp}, feeding every byte to {@code digest}; any status
   * but 200 goes to {@code onError} with the start of the error body (at most {@code maxErrorBody}
   * bytes), which is expected to throw.
   */
  static void fetch(
      URI url,
      Path temp,
      MessageDigest digest,
      LongConsumer counter,
      int maxErrorBody,
      ObjIntConsumer<byte[]> onError)
      throws IOException {
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
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = connection.getInputStream();
        FileChannel out =
            FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, n);
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
        counter.accept(n);
      }
    }
  }
}
