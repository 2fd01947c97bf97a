package org.acai.server.blob.local;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.Map;
import org.acai.api.error.NoSuchFileException;

/**
 * Reads of many blobs from a few segments, each segment opened once for all of them (a batch
 * download of 10k packed files opens one file per segment, not one per blob). A segment deleted
 * meanwhile stays readable through its open channel. One thread at a time.
 */
public final class SegmentReads implements Closeable {
  private final SegmentStore store;
  private final Map<String, FileChannel> open = new HashMap<>();

  SegmentReads(SegmentStore store) {
    this.store = store;
  }

  /**
   * Streams {@code size} bytes of a segment from {@code offset}; closing the stream leaves the
   * segment open for the next read.
   *
   * @throws NoSuchFileException if the segment is missing
   */
  public InputStream open(String name, long offset, long size) {
    return new SegmentSlice(open.computeIfAbsent(name, store::channel), offset, size, false);
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (FileChannel channel : open.values()) {
      try {
        channel.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    open.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
