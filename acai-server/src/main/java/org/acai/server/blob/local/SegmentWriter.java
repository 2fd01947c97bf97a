package org.acai.server.blob.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.acai.api.error.ServiceFailureException;
import org.acai.server.home.FileModes;

/**
 * Appends blobs to one new segment through a large buffer, then makes it durable with one fsync of
 * the file and one of its folder. Not thread-safe: one writer per batch.
 */
public final class SegmentWriter implements AutoCloseable {
  private static final int BUFFER = 1 << 20;

  private final String name;
  private final Path file;
  private final Path dir;
  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
  private long size;
  private boolean finished;

  SegmentWriter(String name, Path file, Path dir) throws IOException {
    this.name = name;
    this.file = file;
    this.dir = dir;
    this.channel =
        FileChannel.open(
            file,
            java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            FileModes.privateFile());
  }

  /** The segment's name, as the segment index records it. */
  public String name() {
    return name;
  }

  /** Bytes appended so far: the offset the next blob gets. */
  public long size() {
    return size;
  }

  /**
   * Appends bytes.
   *
   * @return the offset they start at
   */
  public long append(byte[] bytes, int offset, int length) {
    long start = size;
    try {
      int done = 0;
      while (done < length) {
        int n = Math.min(buffer.remaining(), length - done);
        buffer.put(bytes, offset + done, n);
        done += n;
        if (!buffer.hasRemaining()) {
          flush();
        }
      }
    } catch (IOException e) {
      throw new ServiceFailureException(e, "Cannot write segment %s: %s", name, e);
    }
    size += length;
    return start;
  }

  /** Appends {@code length} bytes read from {@code in}; returns the offset they start at. */
  public long append(InputStream in, long length) throws IOException {
    long start = size;
    byte[] chunk = new byte[64 * 1024];
    for (long left = length; left > 0; ) {
      int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
      if (n < 0) {
        throw new IOException("Segment source ended early");
      }
      append(chunk, 0, n);
      left -= n;
    }
    return start;
  }

  /**
   * Makes everything appended durable: the bytes, then the segment's name in its folder.
   *
   * @return the segment's size
   */
  public long finish() {
    try {
      flush();
      channel.force(true);
      channel.close();
      LocalFiles.fsyncDirectory(dir);
      finished = true;
      return size;
    } catch (IOException e) {
      throw new ServiceFailureException(e, "Cannot make segment %s durable: %s", name, e);
    }
  }

  private void flush() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  /** Deletes the segment (nothing refers to it): after a failure, or when it stayed empty. */
  public void delete() {
    close();
    LocalFiles.deleteQuietly(file);
  }

  @Override
  public void close() {
    if (!finished) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Closing after a failure: the first error is what matters.
      }
    }
  }
}
