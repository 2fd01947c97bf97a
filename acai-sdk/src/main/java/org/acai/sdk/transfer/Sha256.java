package org.acai.sdk.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.acai.api.error.InvalidRequestException;

/** Streaming SHA-256 of local files. */
final class Sha256 {
  private static final int MAX_BUFFER = 256 * 1024;
  private static final int MIN_BUFFER = 8 * 1024;

  private Sha256() {}

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Reads a regular file once, counting and hashing its bytes.
   *
   * @throws InvalidRequestException if it is not a readable regular file (a FIFO would block)
   */
  static LocalFile describe(Path file) throws IOException {
    requireReadable(file);
    MessageDigest digest = newDigest();
    long size = 0;
    byte[] buffer =
        new byte[(int) Math.max(MIN_BUFFER, Math.min(MAX_BUFFER, Files.size(file) + 1))];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
        size += n;
      }
    }
    return new LocalFile(file, size, hex(digest));
  }

  /**
   * Measures a regular file without reading it (its digest is left null).
   *
   * @throws InvalidRequestException if it is not a readable regular file
   */
  static LocalFile measure(Path file) throws IOException {
    requireReadable(file);
    return new LocalFile(file, Files.size(file), null);
  }

  private static void requireReadable(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new InvalidRequestException("Cannot upload %s: not a readable file", file);
    }
  }
}
