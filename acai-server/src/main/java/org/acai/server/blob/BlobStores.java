package org.acai.server.blob;

import org.acai.server.blob.local.LocalBlobStore;
import org.acai.server.blob.memory.InMemoryBlobStore;
import org.acai.server.blob.s3.S3BlobStore;

/** Creates the blob store a {@link BlobConfig} names; the only place that names implementations. */
public final class BlobStores {
  private BlobStores() {}

  /**
   * Opens the configured store; an S3 store creates its bucket if it is missing.
   *
   * @throws org.acai.api.error.ServiceFailureException if the store cannot be opened
   * @throws org.acai.api.error.ServiceUnavailableException if S3 cannot be reached
   */
  public static BlobStore fromConfig(BlobConfig config) {
    return switch (config.backend()) {
      case LOCAL -> new LocalBlobStore(config.localRoot());
      case S3 -> new S3BlobStore(config.s3());
      case MEMORY -> new InMemoryBlobStore();
    };
  }
}
