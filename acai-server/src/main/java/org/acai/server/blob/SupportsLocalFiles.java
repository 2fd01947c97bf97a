package org.acai.server.blob;

import java.nio.file.Path;

/**
 * A {@link BlobStore} on the local file system, so that callers such as job staging can hard-link
 * blobs instead of copying them.
 */
public interface SupportsLocalFiles {

  /**
   * The read-only file holding the blob's bytes; it may not exist if the blob was never committed.
   */
  Path path(BlobRef blob);
}
