package org.acai.server.blob.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.acai.server.blob.internal.ContentHasher;
import org.acai.server.home.FileModes;
import org.acai.server.threads.Daemons;

/** File-system steps the local store needs for durability and integrity. */
final class LocalFiles {
  static final int BUFFER_SIZE = 64 * 1024;
  private static final int MAX_BUFFER_SIZE = 1024 * 1024;

  private static final ExecutorService RECLAIMER =
      Executors.newSingleThreadExecutor(Daemons.named("acai-reclaim"));

  private LocalFiles() {}

  /**
   * A copy buffer for a stream of about {@code expectedSize} bytes (null: unknown): big streams get
   * big buffers (fewer system calls), small ones no more than they need.
   */
  static int bufferSize(Long expectedSize) {
    if (expectedSize == null) {
      return BUFFER_SIZE;
    }
    return (int) Math.max(8 * 1024, Math.min(MAX_BUFFER_SIZE, expectedSize + 1));
  }

  /** Makes a file's bytes durable; works on read-only files too. */
  static void fsyncFile(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Makes a rename or creation inside {@code dir} durable. */
  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Options that create a new file for writing, failing if it exists. */
  static final Set<StandardOpenOption> CREATE_NEW =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  /**
   * Makes a committed blob read-only (0400: the server's user only), so nothing edits it in place.
   */
  static void makeReadOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, FileModes.READ_ONLY_FILE);
    } catch (UnsupportedOperationException e) {
      if (!file.toFile().setReadOnly()) {
        throw new IOException("Cannot make read-only: " + file, e);
      }
    }
  }

  /** Deletes a file during cleanup, where a failure must not hide the original error. */
  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // Left-over temporary files are removed when the store next starts.
    }
  }

  /**
   * Deletes a file in the background, for bytes no name refers to any more whose deletion would
   * hold up a commit: ext4 took 0.5 s to free the extents of a 1 GiB duplicate. Quietly: a file a
   * crash leaves behind is a stale temp file, which the store removes when it next starts.
   */
  static void deleteLater(Path file) {
    RECLAIMER.execute(() -> deleteQuietly(file));
  }

  /** The lower-case hex SHA-256 of a file, read in a streaming way. */
  static String sha256(Path file) throws IOException {
    MessageDigest digest = ContentHasher.newDigest();
    byte[] buffer = new byte[BUFFER_SIZE];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
