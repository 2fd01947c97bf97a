package org.acai.bench.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A directory of generated files (incompressible bytes) to copy and transfer.
 *
 * @param name how the table names it, e.g. {@code 10000 x 4 KiB}
 * @param dir the directory holding the files
 * @param files the files, in name order
 * @param bytes their total size
 */
public record Workload(String name, Path dir, List<Path> files, long bytes) {
  private static final int CHUNK = 1 << 20;

  /** Writes {@code count} files of {@code size} bytes into {@code dir} (created). */
  public static Workload generate(String name, Path dir, int count, long size) throws IOException {
    Files.createDirectories(dir);
    SplittableRandom random = new SplittableRandom(count * 31L + size);
    byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(1, size))];
    List<Path> files = new ArrayList<>();
    int digits = Integer.toString(count).length();
    for (int i = 0; i < count; i++) {
      Path file = dir.resolve(String.format("f%0" + digits + "d.bin", i));
      try (OutputStream out = Files.newOutputStream(file)) {
        for (long left = size; left > 0; left -= chunk.length) {
          fill(random, chunk);
          out.write(chunk, 0, (int) Math.min(left, chunk.length));
        }
      }
      files.add(file);
    }
    return new Workload(name, dir, files, (long) count * size);
  }

  /**
   * Rewrites the first bytes of every file with a marker for {@code run}, so that each run uploads
   * content the server has not stored yet (identical content would be deduplicated).
   */
  public void perturb(int run) throws IOException {
    byte[] marker = new byte[8];
    for (int b = 0; b < marker.length; b++) {
      marker[b] = (byte) (run >>> (8 * (b % 4)));
    }
    for (Path file : files) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.write(
            ByteBuffer.wrap(marker, 0, (int) Math.min(marker.length, bytes / files.size())));
      }
    }
  }

  private static void fill(SplittableRandom random, byte[] chunk) {
    for (int i = 0; i + 8 <= chunk.length; i += 8) {
      long value = random.nextLong();
      for (int b = 0; b < 8; b++) {
        chunk[i + b] = (byte) (value >>> (8 * b));
      }
    }
  }

  /** The same files under another name in the table. */
  public Workload renamed(String newName) {
    return new Workload(newName, dir, files, bytes);
  }
}
