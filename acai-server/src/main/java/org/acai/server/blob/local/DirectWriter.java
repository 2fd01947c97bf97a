package org.acai.server.blob.local;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.acai.server.home.FileModes;
import org.acai.server.threads.Daemons;

/**
 * Writes a big new file with direct I/O ({@code O_DIRECT}): the bytes go from an aligned buffer to
 * the device without a copy into the page cache, so a 1 GiB upload costs the server no kernel copy
 * of its bytes and no page-cache churn (which on a busy or virtual machine costs more CPU than the
 * hash), and the fsync of its commit finds nothing left to write back. Each file owns {@value
 * #SLOTS} aligned buffers of {@value #SLOT_BYTES} bytes, written in order by a background thread
 * while the caller receives and hashes the next ones; the last partial block goes through an
 * ordinary write. At most {@value #MAX_FILES} files are written this way at once, so that direct
 * memory stays bounded (128 MiB); {@link #create} returns empty for one more, and where the file
 * system refuses direct I/O or no direct memory is left, and the caller then writes as usual. Not
 * thread-safe: one instance per file.
 */
final class DirectWriter implements AutoCloseable {
  /** Bytes of one aligned write; a multiple of every block size direct I/O accepts here. */
  static final int SLOT_BYTES = 8 << 20;

  /** Writes in flight at most per file. */
  static final int SLOTS = 4;

  /** Files written with direct I/O at once, at most. */
  static final int MAX_FILES = 4;

  /** Largest block size (alignment) taken; stores with larger blocks write as usual. */
  private static final int MAX_ALIGNMENT = 64 * 1024;

  private static final Set<OpenOption> OPTIONS =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);

  private static final ExecutorService WRITERS =
      Executors.newCachedThreadPool(Daemons.named("acai-direct-write"));

  private static final Semaphore FILES = new Semaphore(MAX_FILES);

  /** Aligned buffers kept between files, so that big uploads do not allocate native memory. */
  private static final BlockingQueue<ByteBuffer> IDLE = new ArrayBlockingQueue<>(MAX_FILES * SLOTS);

  private final Path file;
  private final FileChannel channel;
  private final int alignment;
  private final Writeback writeback;
  private final ByteBuffer[] slots;
  private final CompletableFuture<?>[] pending = new CompletableFuture<?>[SLOTS];
  private CompletableFuture<?> last = CompletableFuture.completedFuture(null);
  private int current;
  private long position;
  private boolean filling;
  private boolean closed;

  private DirectWriter(Path file, FileChannel channel, int alignment, ByteBuffer[] slots) {
    this.file = file;
    this.channel = channel;
    this.alignment = alignment;
    this.slots = slots;
    this.writeback = new Writeback(channel);
    for (int i = 0; i < SLOTS; i++) {
      pending[i] = last;
      slots[i].clear();
    }
  }

  /**
   * Creates {@code file} (it must not exist) for direct writes.
   *
   * @return the writer, or empty if this file system does not take direct I/O, {@value #MAX_FILES}
   *     files are being written so already, or direct memory is short (nothing created then)
   */
  static Optional<DirectWriter> create(Path file) throws IOException {
    long blockSize = Files.getFileStore(file.getParent()).getBlockSize();
    if (blockSize <= 0 || blockSize > MAX_ALIGNMENT || Long.bitCount(blockSize) != 1) {
      return Optional.empty();
    }
    if (!FILES.tryAcquire()) {
      return Optional.empty();
    }
    ByteBuffer[] slots = new ByteBuffer[SLOTS];
    boolean created = false;
    try {
      for (int i = 0; i < SLOTS; i++) {
        ByteBuffer idle = IDLE.poll();
        slots[i] = idle != null ? idle : allocate();
      }
      FileChannel channel = open(file);
      if (channel == null) {
        return Optional.empty();
      }
      created = true;
      return Optional.of(new DirectWriter(file, channel, (int) blockSize, slots));
    } catch (OutOfMemoryError e) {
      // Direct memory is capped (-XX:MaxDirectMemorySize): this file is written as usual.
      return Optional.empty();
    } finally {
      if (!created) {
        release(slots);
      }
    }
  }

  private static ByteBuffer allocate() {
    // Aligned for any block size up to MAX_ALIGNMENT; the slice's capacity is exactly SLOT_BYTES.
    return ByteBuffer.allocateDirect(SLOT_BYTES + MAX_ALIGNMENT).alignedSlice(MAX_ALIGNMENT);
  }

  /** Opens {@code file} for direct writes, or returns null if its file system refuses them. */
  private static FileChannel open(Path file) throws IOException {
    try {
      return FileChannel.open(file, OPTIONS, FileModes.privateFile());
    } catch (UnsupportedOperationException e) {
      return null;
    } catch (FileSystemException e) {
      // EINVAL from open(2): the file system has no direct I/O (it may have created the file).
      if (!"Invalid argument".equals(e.getReason())) {
        throw e;
      }
      Files.deleteIfExists(file);
      return null;
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

  /** Appends {@code len} bytes of {@code bytes}; waits while all slots are being written. */
  void write(byte[] bytes, int off, int len) throws IOException {
    while (len > 0) {
      ByteBuffer slot = slots[current];
      if (!filling) {
        // The slot's last write has ended before its buffer is touched again.
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

  /** Writes the slot's bytes (position to limit) at the file's end, after every earlier write. */
  private void submit(ByteBuffer slot) {
    long at = position;
    int length = slot.remaining();
    position += length;
    last = last.thenRunAsync(() -> writeFully(slot, at), WRITERS);
    pending[current] = last;
    writeback.written(length);
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
   * Writes what is left (the last partial block through an ordinary write) and waits for every
   * write; with {@code sync}, fsyncs the file too.
   *
   * @throws IOException if a write failed
   */
  void finish(boolean sync) throws IOException {
    byte[] tail = new byte[0];
    if (filling) {
      ByteBuffer partial = slots[current];
      int filled = partial.position();
      int aligned = filled / alignment * alignment;
      tail = new byte[filled - aligned];
      partial.get(aligned, tail);
      if (aligned > 0) {
        submit(partial.flip().limit(aligned));
      }
    }
    DiskWaits.await(last);
    writeback.await();
    if (tail.length > 0) {
      try (FileChannel buffered = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ByteBuffer rest = ByteBuffer.wrap(tail);
        while (rest.hasRemaining()) {
          position += buffered.write(rest, position);
        }
        if (sync) {
          buffered.force(true);
        }
        return;
      }
    }
    if (sync) {
      channel.force(true);
    }
  }

  /**
   * Waits for writes still running (the channel must not close under them, nor its buffers be
   * reused), closes, and hands the buffers on.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      last.handle((done, failure) -> null).join();
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
