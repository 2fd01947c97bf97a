package org.acai.server.blob.local;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.acai.server.home.FileModes;

/**
 * New files written with direct I/O ({@code O_DIRECT}) where the file system takes it: whole blocks
 * from aligned buffers go to the device without the kernel's copy into the page cache. The last
 * partial block is written padded with zeros and the file then cut to its size ({@link #pad},
 * {@link FileChannel#truncate}). On this project's virtual machine the kernel's copy into pages it
 * has not used lately costs a fault in the host: writing 1 GiB so took 2.7-3.3 s of system time,
 * directly 0.2 s.
 */
final class DirectFiles {
  /** Alignment of the buffers, and the largest block size direct I/O is used with. */
  static final int MAX_ALIGNMENT = 64 * 1024;

  private static final Set<OpenOption> DIRECT =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);

  private DirectFiles() {}

  /** A file just created, and the block size its writes align to (0: through the page cache). */
  record Created(FileChannel channel, int alignment) {}

  /**
   * A direct buffer of {@code capacity} bytes aligned for any block size direct I/O is used with.
   */
  static ByteBuffer allocate(int capacity) {
    return ByteBuffer.allocateDirect(capacity + MAX_ALIGNMENT).alignedSlice(MAX_ALIGNMENT);
  }

  /**
   * Creates {@code file} (it must not exist) for direct writes where {@code direct} and its file
   * system takes them, else for ordinary ones.
   */
  static Created create(Path file, boolean direct) throws IOException {
    int alignment = direct ? alignment(file) : 0;
    if (alignment > 0) {
      FileChannel channel = openDirect(file);
      if (channel != null) {
        return new Created(channel, alignment);
      }
    }
    return new Created(FileChannel.open(file, LocalFiles.CREATE_NEW, FileModes.privateFile()), 0);
  }

  /**
   * Pads the bytes of a flipped {@code buffer} (0 to its limit) with zeros to a whole number of
   * {@code alignment} blocks, moving its limit; its capacity must be a multiple of {@code
   * alignment}. Nothing happens for an alignment of 0 (ordinary writes).
   */
  static void pad(ByteBuffer buffer, int alignment) {
    int length = buffer.limit();
    if (alignment > 0 && length % alignment != 0) {
      int padded = (length / alignment + 1) * alignment;
      buffer.limit(padded);
      buffer.put(length, new byte[padded - length]);
    }
  }

  /**
   * Cuts the zeros {@link #pad} added to the last write off {@code channel}'s file, whose bytes are
   * {@code size}.
   */
  static void trim(FileChannel channel, long size) throws IOException {
    if (channel.size() > size) {
      channel.truncate(size);
    }
  }

  /** The block size direct writes to {@code file} must align to, or 0 if they cannot be used. */
  private static int alignment(Path file) throws IOException {
    long blockSize = Files.getFileStore(file.getParent()).getBlockSize();
    boolean usable = blockSize > 0 && blockSize <= MAX_ALIGNMENT && Long.bitCount(blockSize) == 1;
    return usable ? (int) blockSize : 0;
  }

  /** Creates {@code file} for direct writes, or returns null if its file system refuses them. */
  private static FileChannel openDirect(Path file) throws IOException {
    try {
      return FileChannel.open(file, DIRECT, FileModes.privateFile());
    } catch (UnsupportedOperationException e) {
      return null;
    } catch (FileSystemException e) {
      // EINVAL from open(2): no direct I/O on this file system (it may have created the file).
      if (!"Invalid argument".equals(e.getReason())) {
        throw e;
      }
      Files.deleteIfExists(file);
      return null;
    }
  }
}
