package org.acai.server.blob.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.acai.server.home.FileModes;
import org.acai.server.threads.Daemons;

/**
 * Writes a big new file in a pipeline: the caller copies the bytes it receives into one of {@value
 * #SLOTS} buffers of {@value #SLOT_BYTES} bytes, and each full buffer is then hashed (SHA-256) on
 * one background thread and written on another, both in order, while the caller receives the next
 * ones. The thread that reads the network thus only reads, and the hash, the kernel's copy into the
 * page cache and the network share the cores. The file is pushed to the disk as it grows ({@link
 * Writeback}), so the fsync of its commit finds little left to write.
 *
 * <p>Measured on this project's 2-core machine, 1 GiB to a durable file: page cache plus a flush
 * every 32 MiB took 0.7-1.3 s; direct I/O ({@code O_DIRECT}, earlier used here, no copy into the
 * page cache) took 1.5-1.8 s with its final fsync, as the device's cache flush then writes it all.
 * Direct writes inside this pipeline, tried later, cut the server's CPU per 1 GiB put from 2.2 to
 * 1.4 s (the kernel's copy into pages it has not used lately is dear on that virtual machine), but
 * the put was no faster, the disk bounding it, and the file's first download then read it from the
 * disk: 2.7 s against 0.6 s from the page cache. What the direct writes saved comes now from giving
 * back the pages of flushed bytes ({@link Writeback}): the next writes reuse them, and a 1 GiB put
 * took 1.3-1.7 s of server CPU against 2.0-4.0 s, over the same disk path.
 *
 * <p>At most {@value #MAX_FILES} files are written this way at once, so that the buffers stay
 * bounded ({@value #MAX_FILES} × {@value #SLOTS} × {@value #SLOT_BYTES} bytes of direct memory);
 * {@link #create} returns empty for one more, or when no direct memory is left, and the caller then
 * writes as usual. Not thread-safe: one instance per file.
 */
final class PipelinedWriter implements AutoCloseable {
  /** Bytes of one buffer, hashed and written as one. */
  static final int SLOT_BYTES = 8 << 20;

  /** Buffers per file: being filled, hashed or written. */
  static final int SLOTS = 4;

  /** Files written this way at once, at most. */
  static final int MAX_FILES = 4;

  private static final ExecutorService WORKERS =
      Executors.newCachedThreadPool(Daemons.named("acai-pipelined-write"));

  private static final Semaphore FILES = new Semaphore(MAX_FILES);

  /** Buffers kept between files, so that big uploads do not allocate native memory. */
  private static final BlockingQueue<ByteBuffer> IDLE = new ArrayBlockingQueue<>(MAX_FILES * SLOTS);

  private final FileChannel channel;
  private final Consumer<ByteBuffer> digest;
  private final Writeback writeback;
  private final ByteBuffer[] slots;
  private final CompletableFuture<?>[] pending = new CompletableFuture<?>[SLOTS];
  private CompletableFuture<?> written = CompletableFuture.completedFuture(null);
  private CompletableFuture<?> hashed = written;
  private int current;
  private long position;
  private boolean filling;
  private boolean closed;

  private PipelinedWriter(
      FileChannel channel, Path file, Consumer<ByteBuffer> digest, ByteBuffer[] slots) {
    this.channel = channel;
    this.digest = digest;
    this.slots = slots;
    this.writeback = new Writeback(channel, file);
    for (int i = 0; i < SLOTS; i++) {
      pending[i] = written;
      slots[i].clear();
    }
  }

  /**
   * Creates {@code file} (it must not exist).
   *
   * @param digest takes every byte written, in order, on a background thread: a SHA-256's update
   * @return the writer, or empty if {@value #MAX_FILES} files are being written so already, or
   *     direct memory is short (nothing created then)
   */
  static Optional<PipelinedWriter> create(Path file, Consumer<ByteBuffer> digest)
      throws IOException {
    if (!FILES.tryAcquire()) {
      return Optional.empty();
    }
    ByteBuffer[] slots = new ByteBuffer[SLOTS];
    boolean created = false;
    try {
      for (int i = 0; i < SLOTS; i++) {
        ByteBuffer idle = IDLE.poll();
        slots[i] = idle != null ? idle : ByteBuffer.allocateDirect(SLOT_BYTES);
      }
      FileChannel channel = FileChannel.open(file, LocalFiles.CREATE_NEW, FileModes.privateFile());
      created = true;
      return Optional.of(new PipelinedWriter(channel, file, digest, slots));
    } catch (OutOfMemoryError e) {
      // Direct memory is capped (-XX:MaxDirectMemorySize): this file is written as usual.
      return Optional.empty();
    } finally {
      if (!created) {
        release(slots);
      }
    }
  }

  private static void release(ByteBuffer[] slots) {
    for (ByteBuffer slot : slots) {
      if (slot != null) {
        IDLE.offer(slot);
      }
    }
    FILES.release();
  }

  /** Appends {@code len} bytes of {@code bytes}; waits while every buffer is in the pipeline. */
  void write(byte[] bytes, int off, int len) throws IOException {
    while (len > 0) {
      ByteBuffer slot = slots[current];
      if (!filling) {
        // The buffer's last hash and write have ended before it is touched again.
        DiskWaits.await(pending[current]);
        slot.clear();
        filling = true;
      }
      int n = Math.min(len, slot.remaining());
      slot.put(bytes, off, n);
      off += n;
      len -= n;
      if (!slot.hasRemaining()) {
        submit(slot.flip());
      }
    }
  }

  /** Hashes and writes the slot's bytes (position to limit) after every earlier slot's. */
  private void submit(ByteBuffer slot) {
    long at = position;
    int length = slot.remaining();
    position += length;
    ByteBuffer toHash = slot.duplicate();
    hashed = hashed.thenRunAsync(() -> digest.accept(toHash), WORKERS);
    // Counted once written: a flush then makes durable, and drops from the cache, only bytes that
    // are in the file. The writes run one after another, so the count sees them in order.
    written =
        written.thenRunAsync(
            () -> {
              writeFully(slot, at);
              writeback.written(length);
            },
            WORKERS);
    pending[current] = CompletableFuture.allOf(hashed, written);
    current = (current + 1) % SLOTS;
    filling = false;
  }

  private void writeFully(ByteBuffer buffer, long at) {
    try {
      long offset = at;
      while (buffer.hasRemaining()) {
        offset += channel.write(buffer, offset);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Hashes and writes what is left, and waits for every hash and write; with {@code sync}, fsyncs
   * the file too.
   *
   * @throws IOException if a write failed
   */
  void finish(boolean sync) throws IOException {
    if (filling && slots[current].position() > 0) {
      submit(slots[current].flip());
    }
    DiskWaits.await(hashed);
    DiskWaits.await(written);
    writeback.await();
    if (sync) {
      channel.force(true);
    }
  }

  /**
   * Waits for hashes and writes still running (the channel must not close under them, nor their
   * buffers be reused), closes, and hands the buffers on.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      CompletableFuture.allOf(hashed, written).handle((done, failure) -> null).join();
      writeback.await();
    } finally {
      try {
        channel.close();
      } finally {
        release(slots);
      }
    }
  }
}
