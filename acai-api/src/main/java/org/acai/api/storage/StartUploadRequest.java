package org.acai.api.storage;

import java.util.List;

/**
 * Body of {@code POST /storage/start_file_upload_session}.
 *
 * @param paths remote paths, in order; the same path twice makes two versions
 * @param sizes optional declared sizes in bytes, same order (a PUT of another size is rejected)
 * @param sha256s optional declared SHA-256 digests (lower-case hex), same order
 * @param commitOnFinish when true, the session commits only at {@code finish}, which may declare
 *     the digests then (a client that hashes while it sends reads each file once); when null or
 *     false, the PUT that lands the last file commits the session, as the original protocol does
 */
public record StartUploadRequest(
    List<String> paths, List<Long> sizes, List<String> sha256s, Boolean commitOnFinish) {
  /** A request whose session commits when its last file lands. */
  public StartUploadRequest(List<String> paths, List<Long> sizes, List<String> sha256s) {
    this(paths, sizes, sha256s, null);
  }

  /** Whether only {@code finish} commits the session. */
  public boolean commitsOnFinish() {
    return Boolean.TRUE.equals(commitOnFinish);
  }
}
