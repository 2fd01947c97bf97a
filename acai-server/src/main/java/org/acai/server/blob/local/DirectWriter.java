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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.acai.server.home.FileModes;
import org.acai.server.threads.Daemons;

/**
 * Writes a big new file with direct I/O ({@code O_DIRECT}): the bytes go from an aligned buffer to
 * the device without a copy into the page cache, so a 1 GiB upload costs the server no kernel copy
 * of its bytes and no page-cache churn (which on a busy or virtual machine costs more CPU than the
 * hash), and the fsync of its commit finds nothing left to write back. Up to {@value #SLOTS} slots
 * of {@value #SLOT_BYTES} bytes are in flight, written in order by a background thread while the
 * caller receives and hashes the next ones. The last partial block goes through an ordinary write.
 * Where the file system refuses direct I/O (tmpfs, some network file systems), {@link #create}
 * returns empty and the caller writes as usual. Not thread-safe: one instance per file.
 */
final class DirectWriter implements AutoCloseable {
  /** Bytes of one aligned write; a multiple of every block size direct I/O accepts here. */
  static final int SLOT_BYTES = 8 << 20;

  /** Writes in flight at most per file. */
  static final int SLOTS = 4;

  /** Largest block size (alignment) taken; stores with larger blocks write as usual. */
  private static final long MAX_ALIGNMENT = 64 * 1024;

  private static final Set<OpenOption> OPTIONS =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);

  private static final ExecutorService WRITERS =
      Executors.newCachedThreadPool(Daemons.named("acai-direct-write"));

  /** Aligned buffers kept between files, so that big uploads do not allocate native memory. */
  private static final BlockingQueue<ByteBuffer> IDLE = new ArrayBlockingQueue<>(2 * SLOTS);

  private final Path file;
  private final FileChannel channel;
  private final int alignment;
  private final Writeback writeback;
  private final ByteBuffer[] slots = new ByteBuffer[SLOTS];
  private final CompletableFuture<?>[] pending = new CompletableFuture<?>[SLOTS];
  private CompletableFuture<?> last = CompletableFuture.completedFuture(null);
  private int current;
  private long position;

  private DirectWriter(Path file, FileChannel channel, int alignment) {
    this.file = file;
    this.channel = channel;
    this.alignment = alignment;
    this.writeback = new Writeback(channel);
    for (int i = 0; i < SLOTS; i++) {
      pending[i] = last;
    }
  }

  /**
   * Creates {@code file} (it must not exist) for direct writes.
   *
   * @return the writer, or empty if this file system does not take direct I/O (nothing created)
   */
  static Optional<DirectWriter> create(Path file) throws IOException {
    long blockSize = Files.getFileStore(file.getParent()).getBlockSize();
    if (blockSize <= 0 || blockSize > MAX_ALIGNMENT || Long.bitCount(blockSize) != 1) {
      return Optional.empty();
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, OPTIONS, FileModes.privateFile());
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    } catch (FileSystemException e) {
      // EINVAL from open(2): the file system has no direct I/O (it may have created the file).
      if (!"Invalid argument".equals(e.getReason())) {
        throw e;
      }
      Files.deleteIfExists(file);
      return Optional.empty();
    }
    return Optional.of(new DirectWriter(file, channel, (int) blockSize));
  }

  /** Appends {@code len} bytes of {@code bytes}; waits while all slots are being written. */
  void write(byte[] bytes, int off, int len) throws IOException {
    while (len > 0) {
      ByteBuffer slot = slot();
      int n = Math.min(len, slot.remaining());
      slot.put(bytes, off, n);
      off += n;
      len -= n;
      if (!slot.hasRemaining()) {
        submit(slot);
      }
    }
  }

  /** The slot being filled: free once its previous write has ended. */
  private ByteBuffer slot() throws IOException {
    if (slots[current] == null) {
      await(pending[current]);
      ByteBuffer buffer = IDLE.poll();
      slots[current] = (buffer != null ? buffer : allocate()).clear();
    }
    return slots[current];
  }

  private static ByteBuffer allocate() {
    // Aligned for any block size up to MAX_ALIGNMENT.
    return ByteBuffer.allocateDirect(SLOT_BYTES + (int) MAX_ALIGNMENT)
        .alignedSlice((int) MAX_ALIGNMENT)
        .limit(SLOT_BYTES);
  }

  /** Writes the slot's bytes at the file's end, after every write submitted before it. */
  private void submit(ByteBuffer slot) {
    slot.flip();
    long at = position;
    position += slot.remaining();
    int length = slot.remaining();
    // The slot goes back to the pool once written (a failed write keeps it out).
    last =
        last.thenRunAsync(
            () -> {
              writeFully(slot, at);
              IDLE.offer(slot);
            },
            WRITERS);
    pending[current] = last;
    slots[current] = null;
    writeback.written(length);
    current = (current + 1) % SLOTS;
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
    ByteBuffer partial = slots[current];
    byte[] tail = new byte[0];
    if (partial != null) {
      int filled = partial.position();
      int aligned = filled / alignment * alignment;
      tail = new byte[filled - aligned];
      partial.get(aligned, tail).position(aligned);
      if (aligned > 0) {
        submit(partial);
      } else {
        slots[current] = null;
        IDLE.offer(partial);
      }
    }
    await(last);
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

  /** Waits for writes still running (the channel must not close under them), then closes. */
  @Override
  public void close() throws IOException {
    try {
      last.handle((done, failure) -> null).join();
      writeback.await();
    } finally {
      channel.close();
    }
  }

  private static void await(CompletableFuture<?> write) throws IOException {
    try {
      write.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while writing", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause();
      }
      throw new IOException(e.getCause());
    }
  }
}
