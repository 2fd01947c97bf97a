package org.acai.server.blob;

import java.util.function.Consumer;

/**
 * A {@link BlobStore} that can list its committed blobs, for a consistency check to find blobs no
 * row refers to. Listing streams: it never holds every key in memory.
 */
public interface SupportsListing {

  /**
   * Calls {@code action} once for each committed blob, in no particular order. Blobs committed or
   * deleted meanwhile may or may not be seen.
   *
   * @throws org.acai.api.error.ServiceFailureException if the storage fails
   */
  void forEachBlob(Consumer<BlobRef> action);
}
