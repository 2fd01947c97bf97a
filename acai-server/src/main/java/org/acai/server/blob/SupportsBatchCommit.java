package org.acai.server.blob;

import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * A {@link BlobStore} that commits many staged objects at once for less than one by one, e.g. by
 * syncing each touched directory once instead of once per blob.
 */
public interface SupportsBatchCommit {

  /**
   * Commits staged objects as {@link BlobStore#commit} does each; every blob is durable when this
   * returns.
   *
   * @param stagingKeys the staged objects
   * @param expectedSha256s the announced lower-case hex SHA-256 of each (entries may be null)
   * @param pool runs the independent steps in parallel
   * @return the committed blobs, in the order of the keys
   * @throws org.acai.api.error.InvalidRequestException as {@link BlobStore#commit}; objects other
   *     than the failing one may have been committed or discarded by then
   * @throws org.acai.api.error.NotFoundException if nothing is staged under one of the keys
   */
  List<BlobRef> commitAll(
      List<String> stagingKeys, List<String> expectedSha256s, ExecutorService pool);
}
