package org.acai.server.blob;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@link BlobStore} on the local file system, so that callers such as job staging can hard-link
 * blobs instead of copying them.
 */
public interface SupportsLocalFiles {

  /**
   * The read-only file holding the blob's bytes; it may not exist if the blob was never committed.
   */
  Path path(BlobRef blob);

  /**
   * The CRC32C (8 lower-case hex digits) of the blob's bytes as taken when they were received, if
   * the store recorded it with the file and the file is unchanged since (same size, modification
   * time and inode); empty otherwise. A download can be checked against it at a fraction of a
   * SHA-256's cost, and bytes that rot on disk later still fail the check.
   */
  Optional<String> crc32c(BlobRef blob);
}
