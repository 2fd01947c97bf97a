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
 * @param receipt {@value #CRC32C} when the PUT to {@code s3Url} answers with a JSON receipt of the
 *     bytes that landed ({@code size}, {@code sha256}, {@code crc32c}): the server's own data
 *     route. A client may then take the CRC32C of what it sends, check it against the receipt's,
 *     and declare the receipt's SHA-256 when it finishes the session, instead of hashing the file
 *     with SHA-256 itself. Null otherwise
 */
public record UploadTarget(
    String path, String s3Url, List<String> partUrls, Long partSize, String receipt) {
  /** The receipt of a PUT to the server's own data route. */
  public static final String CRC32C = "crc32c";

  /** A target taking the whole file in one PUT, answered without a receipt. */
  public UploadTarget(String path, String s3Url) {
    this(path, s3Url, null, null, null);
  }
}
