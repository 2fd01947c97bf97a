package org.acai.testkit.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A stream of pseudo-random bytes of a given size, produced on the fly so that tests can push
 * gigabytes without holding them; the same seed gives the same bytes.
 */
public final class GeneratedBytes extends InputStream {
  private final long size;
  private long position;
  private long state;

  /** {@code size} bytes determined by {@code seed}. */
  public GeneratedBytes(long size, long seed) {
    this.size = size;
    this.state = seed ^ 0x9E3779B97F4A7C15L;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (position >= size) {
      return -1;
    }
    int count = (int) Math.min(length, size - position);
    for (int i = 0; i < count; i++) {
      // xorshift64: fast, deterministic, and good enough to defeat compression and dedup.
      state ^= state << 13;
      state ^= state >>> 7;
      state ^= state << 17;
      buffer[offset + i] = (byte) state;
    }
    position += count;
    return count;
  }

  /** The lower-case hex SHA-256 of the bytes {@code new GeneratedBytes(size, seed)} yields. */
  public static String sha256(long size, long seed) {
    return sha256(new GeneratedBytes(size, seed));
  }

  /** The lower-case hex SHA-256 of everything left in {@code in}; closes it. */
  public static String sha256(InputStream in) {
    try (in) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
