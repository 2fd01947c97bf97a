package org.acai.api.storage;

import java.util.List;

/**
 * Where one file of an upload session goes.
 *
 * @param path the normalized remote path
 * @param s3Url the presigned URL to PUT the bytes to (the original client's field name); null when
 *     the file goes in parts
 * @param partUrls for a large file of a session that commits on finish, on a store with presigned
 *     URLs (S3): one URL per part, in order, each taking one PUT of its part's bytes, in any order
 *     or in parallel; null otherwise
 * @param partSize the size of every part but the last (which holds the rest), with {@code
 *     partUrls}; null otherwise
 */
public record UploadTarget(String path, String s3Url, List<String> partUrls, Long partSize) {
  /** A target taking the whole file in one PUT. */
  public UploadTarget(String path, String s3Url) {
    this(path, s3Url, null, null);
  }
}
