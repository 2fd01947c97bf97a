package org.acai.server.blob;

/**
 * An object that has fully landed under a staging key but is not a blob yet.
 *
 * @param stagingKey where it is staged
 * @param size its size in bytes
 * @param sha256 its lower-case hex SHA-256, or null when the store has not hashed it yet
 */
public record StagedObject(String stagingKey, long size, String sha256) {
  public StagedObject {
    BlobKeys.checkStagingKey(stagingKey);
    if (size < 0) {
      throw new IllegalArgumentException("Invalid size: " + size);
    }
    if (sha256 != null && !BlobKeys.isSha256(sha256)) {
      throw new IllegalArgumentException("Invalid SHA-256: " + sha256);
    }
  }
}
