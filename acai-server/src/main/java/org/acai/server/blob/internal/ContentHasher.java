package org.acai.server.blob.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32C;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.blob.BlobKeys;

/**
 * Counts and hashes (SHA-256) the bytes of one upload while they stream past, and checks them
 * against what the client announced. It also takes their CRC32C (about 3 % of the SHA-256's cost),
 * which the upload's receipt gives back, so that a client can check what landed without hashing
 * what it sends with SHA-256 too. Not thread-safe: one instance per upload.
 */
public final class ContentHasher {
  private final String stagingKey;
  private final Long expectedSize;
  private final String expectedSha256;
  private final MessageDigest digest = newDigest();
  private final CRC32C crc32c = new CRC32C();
  private long size;
  private boolean hashedElsewhere;
  private String sha256;

  /**
   * Starts hashing one upload.
   *
   * @throws InvalidRequestException if the expected size is negative or the SHA-256 malformed
   */
  public ContentHasher(String stagingKey, Long expectedSize, String expectedSha256) {
    if (expectedSize != null && expectedSize < 0) {
      throw new InvalidRequestException("Invalid size: %d", expectedSize);
    }
    this.stagingKey = stagingKey;
    this.expectedSize = expectedSize;
    this.expectedSha256 = BlobKeys.checkExpectedSha256(expectedSha256);
  }

  /** A new SHA-256 digest; every JDK has one. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }

  /**
   * Reads up to {@code len} bytes from {@code in} into {@code buf} and hashes them.
   *
   * @return the number of bytes read, or -1 at the end of the stream
   * @throws InvalidRequestException if the stream fails or runs past the expected size
   */
  public int read(InputStream in, byte[] buf, int off, int len) {
    int read;
    try {
      read = in.read(buf, off, len);
    } catch (IOException e) {
      throw new InvalidRequestException(e, "Cannot stage %s: the upload failed: %s", stagingKey, e);
    }
    if (read > 0) {
      update(buf, off, read);
    }
    return read;
  }

  /**
   * Hashes bytes that were read elsewhere.
   *
   * @throws InvalidRequestException if they run past the expected size
   */
  public void update(byte[] buf, int off, int len) {
    if (!hashedElsewhere) {
      digest.update(buf, off, len);
    }
    crc32c.update(buf, off, len);
    size += len;
    if (expectedSize != null && size > expectedSize) {
      throw new InvalidRequestException(
          "Invalid upload %s: more than the expected %d bytes", stagingKey, expectedSize);
    }
  }

  /**
   * Leaves the SHA-256 to {@link #digest}: from now on {@link #update} only counts the bytes and
   * takes their CRC32C, and every byte must go through {@link #digest} too, in order, before {@link
   * #sha256}. For a pipeline that hashes on another thread than the one that reads.
   */
  public void hashElsewhere() {
    hashedElsewhere = true;
  }

  /**
   * Hashes bytes (SHA-256) where {@link #hashElsewhere} was called; may run on another thread, but
   * never at the same time as itself or {@link #sha256}.
   */
  public void digest(ByteBuffer bytes) {
    digest.update(bytes);
  }

  /** The size the client announced, or null. */
  public Long expectedSize() {
    return expectedSize;
  }

  /** Bytes seen so far. */
  public long size() {
    return size;
  }

  /** The lower-case hex SHA-256 of all bytes; ends hashing. */
  public String sha256() {
    if (sha256 == null) {
      sha256 = HexFormat.of().formatHex(digest.digest());
    }
    return sha256;
  }

  /** The CRC32C (Castagnoli) of the bytes seen so far, as 8 lower-case hex digits. */
  public String crc32c() {
    return String.format(Locale.ROOT, "%08x", crc32c.getValue());
  }

  /**
   * Ends hashing and checks the totals against the announced size and SHA-256.
   *
   * @throws InvalidRequestException if either differs
   */
  public void verify() {
    if (expectedSize != null && size != expectedSize) {
      throw new InvalidRequestException(
          "Invalid upload %s: expected %d bytes, got %d", stagingKey, expectedSize, size);
    }
    verifySha256(stagingKey, expectedSha256, sha256());
  }

  /**
   * Checks a computed SHA-256 against an announced one.
   *
   * @throws InvalidRequestException if {@code expected} is not null and differs
   */
  public static void verifySha256(String stagingKey, String expected, String actual) {
    String normalized = BlobKeys.checkExpectedSha256(expected);
    if (normalized != null && !normalized.equals(actual)) {
      throw new InvalidRequestException(
          "Invalid upload %s: expected SHA-256 %s, got %s", stagingKey, normalized, actual);
    }
  }
}
