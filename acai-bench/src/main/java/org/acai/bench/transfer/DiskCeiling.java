package org.acai.bench.transfer;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The disk's own bound on storing a workload durably: its files' bytes read in order and written
 * one after another into one new file with direct I/O (8 MiB aligned writes, no copy into the page
 * cache), then fsynced, as the local store writes a big file or a batch's segment. Unlike {@code cp
 * -r; sync} it creates one file, not one per input, and takes no fresh page-cache pages (which this
 * project's virtual machine makes dear); no upload can store the bytes faster.
 */
final class DiskCeiling {
  private static final int BUFFER = 8 << 20;
  private static final int ALIGNMENT = 64 * 1024;

  private DiskCeiling() {}

  /** Writes the bytes of {@code files} into the new file {@code target} and fsyncs it. */
  static void writeDirect(List<Path> files, Path target) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER + ALIGNMENT).alignedSlice(ALIGNMENT);
    long size = 0;
    try (FileChannel out =
        FileChannel.open(
            target,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            ExtendedOpenOption.DIRECT)) {
      for (Path file : files) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
          while (in.read(buffer) >= 0) {
            if (!buffer.hasRemaining()) {
              size += write(buffer, out);
            }
          }
        }
      }
      int tail = buffer.position();
      // The last block is padded to the alignment, and the file cut to its size again.
      buffer.position(Math.min(buffer.capacity(), (tail + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT));
      write(buffer, out);
      out.truncate(size + tail);
      out.force(true);
    }
    if (Files.size(target) != files.stream().mapToLong(DiskCeiling::size).sum()) {
      throw new IOException("The direct copy's size differs from its files': " + target);
    }
  }

  private static int write(ByteBuffer buffer, FileChannel out) throws IOException {
    buffer.flip();
    int length = buffer.remaining();
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
    buffer.clear();
    return length;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
