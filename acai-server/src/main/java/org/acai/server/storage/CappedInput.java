package org.acai.server.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.acai.api.error.PayloadTooLargeException;

/** An upload's body that refuses to yield more than the server's largest file. */
final class CappedInput extends FilterInputStream {
  private final long max;
  private long read;

  CappedInput(InputStream in, long max) {
    super(in);
    this.max = max;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    count(skipped);
    return skipped;
  }

  private void count(long n) {
    read += n;
    if (read > max) {
      throw tooLarge(max);
    }
  }

  static PayloadTooLargeException tooLarge(long max) {
    return new PayloadTooLargeException(
        "Cannot upload a file of more than %d bytes (the server's %s)",
        max, StorageSettings.MAX_FILE_SIZE_ENV);
  }
}
