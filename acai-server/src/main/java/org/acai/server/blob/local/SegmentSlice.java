package org.acai.server.blob.local;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** One blob's bytes inside a segment, read by position (no shared file pointer). */
final class SegmentSlice extends InputStream {
  private final FileChannel channel;
  private final boolean owned;
  private long position;
  private final long end;

  /** A slice of an open segment; {@code owned}: closing the slice closes the channel. */
  SegmentSlice(FileChannel channel, long offset, long size, boolean owned) {
    this.channel = channel;
    this.owned = owned;
    this.position = offset;
    this.end = offset + size;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (position >= end) {
      return -1;
    }
    int wanted = (int) Math.min(length, end - position);
    int n = channel.read(ByteBuffer.wrap(bytes, offset, wanted), position);
    if (n < 0) {
      throw new EOFException("Segment is shorter than its index says");
    }
    position += n;
    return n;
  }

  @Override
  public long skip(long n) {
    long skipped = Math.max(0, Math.min(n, end - position));
    position += skipped;
    return skipped;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, end - position);
  }

  @Override
  public void close() throws IOException {
    if (owned) {
      channel.close();
    }
  }
}
