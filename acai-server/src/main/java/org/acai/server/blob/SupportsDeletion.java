package org.acai.server.blob;

import java.util.List;

/**
 * A {@link BlobStore} that can delete committed blobs. Only the garbage collector calls it, under
 * {@link BlobGuard#lockForSweep}, after checking that no row references the blobs.
 */
public interface SupportsDeletion {

  /** Most blobs one {@link #delete} call takes (S3 deletes up to 1,000 keys per request). */
  int MAX_BATCH = 1000;

  /**
   * Deletes committed blobs; a blob that does not exist is fine, so a sweep can be repeated.
   *
   * @param blobs at most {@link #MAX_BATCH} blobs
   * @throws org.acai.api.error.ServiceFailureException if the storage fails; some blobs may be
   *     deleted then
   */
  void delete(List<BlobRef> blobs);
}
