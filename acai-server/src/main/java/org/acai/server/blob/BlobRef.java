package org.acai.server.blob;

/**
 * A committed, immutable blob, named by the SHA-256 of its content.
 *
 * @param sha256 lower-case hex SHA-256 of the content
 * @param size size in bytes
 */
public record BlobRef(String sha256, long size) {
  public BlobRef {
    if (!BlobKeys.isSha256(sha256)) {
      throw new IllegalArgumentException("Invalid SHA-256: " + sha256);
    }
    if (size < 0) {
      throw new IllegalArgumentException("Invalid size: " + size);
    }
  }

  /**
   * The blob's relative storage key, {@code sha256/ab/cd/<hex>}; the two fan-out levels keep
   * directories and listings small.
   */
  public String key() {
    return "sha256/" + sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256;
  }
}
