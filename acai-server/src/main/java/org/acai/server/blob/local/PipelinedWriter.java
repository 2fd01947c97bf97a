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
import org.acai.server.threads.Daemons;

/**
 * Writes a big new file in a pipeline: the caller copies the bytes it receives into one of {@value
 * #SLOTS} buffers of {@value #SLOT_BYTES} bytes, and each full buffer is then hashed (SHA-256) on
 * one background thread and written on another, both in order, while the caller receives the next
 * ones. The thread that reads the network thus only reads, and the hash and the network share the
 * cores. The file is pushed to the disk as it grows ({@link Writeback}), so the fsync of its commit
 * finds little left to write.
 *
 * <p>Where the file system takes it, the writes use direct I/O ({@code O_DIRECT}): the aligned
 * buffers go to the device without the kernel's copy into the page cache. The last partial block is
 * written padded with zeros and the file cut to its size. Elsewhere (open(2) answers EINVAL) the
 * file goes through the page cache, whose pages {@link Writeback} hands back once flushed. On this
 * project's 2-core virtual machine, 1 GiB written in 8 MiB pieces and fsynced took 0.81-0.88 s with
 * 0.2 s of system time directly, and 3.2-3.8 s with 2.7-3.3 s through the page cache into pages not
 * used lately (each costs a fault in the host). 1 GiB puts alternated between two servers, 10 each:
 * 0.91 s (median) and 1.20 s of server CPU per put with direct writes, against 1.19 s and 1.54 s
 * through the page cache with its pages handed back. (Direct writes were tried here twice before
 * and dropped: the disk was slower then and bounded both, and a new file's first download read it
 * from the disk, which it now does either way since the cache keeps no big file's pages.)
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

  /** The block size direct writes align to, or 0 where the file is written through the cache. */
  private final int alignment;

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
      FileChannel channel,
      int alignment,
      Path file,
      Consumer<ByteBuffer> digest,
      ByteBuffer[] slots) {
    this.channel = channel;
    this.alignment = alignment;
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
    return create(file, digest, true);
  }

  /**
   * {@link #create(Path, Consumer)}, through the page cache whatever the file system unless {@code
   * direct}.
   */
  static Optional<PipelinedWriter> create(Path file, Consumer<ByteBuffer> digest, boolean direct)
      throws IOException {
    if (!FILES.tryAcquire()) {
      return Optional.empty();
    }
    ByteBuffer[] slots = new ByteBuffer[SLOTS];
    boolean created = false;
    try {
      for (int i = 0; i < SLOTS; i++) {
        ByteBuffer idle = IDLE.poll();
        slots[i] = idle != null ? idle : DirectFiles.allocate(SLOT_BYTES);
      }
      DirectFiles.Created opened = DirectFiles.create(file, direct);
      created = true;
      return Optional.of(
          new PipelinedWriter(opened.channel(), opened.alignment(), file, digest, slots));
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

  /** Whether the file is written with direct I/O (else through the page cache). */
  boolean direct() {
    return alignment > 0;
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
    // The last slot: a direct write takes whole blocks; finish cuts the zeros off again.
    DirectFiles.pad(slot, alignment);
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
    DirectFiles.trim(channel, position);
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
