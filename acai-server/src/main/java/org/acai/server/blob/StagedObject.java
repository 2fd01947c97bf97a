package org.acai.server.blob;

/**
 * An object that has fully landed under a staging key but is not a blob yet.
 *
 * @param stagingKey where it is staged
 * @param size its size in bytes
 * @param sha256 its lower-case hex SHA-256, or null when the store has not hashed it yet
 * @param crc32c its CRC32C as 8 lower-case hex digits when the bytes were just received, else null
 */
public record StagedObject(String stagingKey, long size, String sha256, String crc32c) {
  /** An object whose CRC32C is not known. */
  public StagedObject(String stagingKey, long size, String sha256) {
    this(stagingKey, size, sha256, null);
  }

  public StagedObject {
    BlobKeys.checkStagingKey(stagingKey);
    if (size < 0) {
      throw new IllegalArgumentException("Invalid size: " + size);
    }
    if (sha256 != null && !BlobKeys.isSha256(sha256)) {
      throw new IllegalArgumentException("Invalid SHA-256: " + sha256);
    }
    if (crc32c != null && !BlobKeys.isCrc32c(crc32c)) {
      throw new IllegalArgumentException("Invalid CRC32C: " + crc32c);
    }
  }
}
