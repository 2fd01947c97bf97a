package org.acai.server.blob.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.acai.server.blob.internal.PageCache;
import org.acai.server.threads.Daemons;

/**
 * Pushes a big file's bytes to the disk while it is still being written: every {@value #STEP}
 * bytes, one fsync in the background (never two at once per file), so that the disk works while the
 * network and the hash do, and the fsync of the commit finds little left to write. Files below one
 * step never trigger one. Once a flush has ended, the bytes it made durable leave the page cache
 * ({@link PageCache}): a big file then cycles through a few steps' worth of pages instead of taking
 * new ones for all its bytes. Not thread-safe: one instance per file being written.
 */
final class Writeback {
  /** Bytes written between two background flushes. */
  static final long STEP = 32L << 20;

  private static final ExecutorService FLUSHERS =
      Executors.newCachedThreadPool(Daemons.named("acai-writeback"));

  private final FileChannel channel;
  private final Path file;
  private long landed;
  private long unflushed;
  private long dropped;
  private CompletableFuture<Void> flush = CompletableFuture.completedFuture(null);

  /** Flushes {@code channel}, open on {@code file}. */
  Writeback(FileChannel channel, Path file) {
    this.channel = channel;
    this.file = file;
  }

  /**
   * Counts {@code bytes} more in the file, written in order after the ones counted before; starts a
   * flush if a step is due and none is running.
   */
  void written(long bytes) {
    landed += bytes;
    unflushed += bytes;
    if (unflushed >= STEP && flush.isDone()) {
      unflushed = 0;
      long from = dropped;
      long to = landed;
      dropped = to;
      flush =
          CompletableFuture.runAsync(
              () -> {
                try {
                  channel.force(false);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                PageCache.drop(file, from, to - from);
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
