package org.acai.server.blob.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.acai.server.threads.Daemons;

/**
 * Pushes a big file's bytes to the disk while it is still being written: every {@value #STEP}
 * bytes, one fsync in the background (never two at once per file), so that the disk works while the
 * network and the hash do, and the fsync of the commit finds little left to write. Files below one
 * step never trigger one. Not thread-safe: one instance per file being written.
 */
final class Writeback {
  /** Bytes written between two background flushes. */
  static final long STEP = 32L << 20;

  private static final ExecutorService FLUSHERS =
      Executors.newCachedThreadPool(Daemons.named("acai-writeback"));

  private final FileChannel channel;
  private long unflushed;
  private CompletableFuture<Void> flush = CompletableFuture.completedFuture(null);

  Writeback(FileChannel channel) {
    this.channel = channel;
  }

  /** Counts {@code bytes} more written; starts a flush if a step is due and none is running. */
  void written(long bytes) {
    unflushed += bytes;
    if (unflushed >= STEP && flush.isDone()) {
      unflushed = 0;
      flush =
          CompletableFuture.runAsync(
              () -> {
                try {
                  channel.force(false);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              FLUSHERS);
    }
  }

  /**
   * Waits for the running flush, if any, before the channel is closed.
   *
   * @throws IOException if it failed
   */
  void await() throws IOException {
    DiskWaits.await(flush);
  }
}
