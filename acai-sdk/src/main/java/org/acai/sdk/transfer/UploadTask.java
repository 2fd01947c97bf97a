package org.acai.sdk.transfer;

import java.nio.file.Path;
import java.util.List;

/**
 * One file to PUT to a presigned URL, or in parts to several.
 *
 * @param url the presigned PUT URL, used verbatim; null when the file goes in parts
 * @param file the local file, streamed from disk
 * @param size its size in bytes
 * @param partUrls one presigned PUT URL per part, in order, or null
 * @param partSize the size of every part but the last, with {@code partUrls}
 * @param receipt whether the PUT to {@code url} answers with a receipt of what landed (size,
 *     SHA-256, CRC32C): a big file is then checked by its CRC32C, not hashed with SHA-256 here
 */
public record UploadTask(
    String url, Path file, long size, List<String> partUrls, long partSize, boolean receipt) {
  /** A file sent in one PUT, answered without a receipt. */
  public UploadTask(String url, Path file, long size) {
    this(url, file, size, null, 0, false);
  }

  /** A file sent in one PUT or in parts, answered without a receipt. */
  public UploadTask(String url, Path file, long size, List<String> partUrls, long partSize) {
    this(url, file, size, partUrls, partSize, false);
  }
}
