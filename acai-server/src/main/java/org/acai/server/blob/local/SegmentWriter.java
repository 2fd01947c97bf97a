package org.acai.server.blob.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.acai.api.error.ServiceFailureException;

/**
 * Appends blobs to one new segment through a large buffer, then makes it durable with one fsync of
 * the file and one of its folder. The segment is written with direct I/O where the file system
 * takes it ({@link DirectFiles}): in a 10k-file put here, the kernel's copy of 40 MiB into pages it
 * had not used lately was a third of the receiving thread's samples. Not thread-safe: one writer
 * per batch.
 */
public final class SegmentWriter implements AutoCloseable {
  private static final int BUFFER = 1 << 20;

  private final String name;
  private final Path file;
  private final Path dir;
  private final FileChannel channel;

  /** The block size direct writes align to, or 0 where the file is written through the cache. */
  private final int alignment;

  private final ByteBuffer buffer = DirectFiles.allocate(BUFFER);
  private long size;
  private boolean finished;

  SegmentWriter(String name, Path file, Path dir) throws IOException {
    this.name = name;
    this.file = file;
    this.dir = dir;
    DirectFiles.Created created = DirectFiles.create(file, true);
    this.channel = created.channel();
    this.alignment = created.alignment();
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
      buffer.flip();
      // A direct write takes whole blocks: the last one is padded, and the zeros cut off again.
      DirectFiles.pad(buffer, alignment);
      write();
      DirectFiles.trim(channel, size);
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
    write();
  }

  private void write() throws IOException {
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
