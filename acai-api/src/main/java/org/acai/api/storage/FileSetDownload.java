package org.acai.api.storage;

import java.util.List;

/**
 * Answer of {@code download_file_set}.
 *
 * @param id explicit id {@code name:version}
 * @param files one entry per member
 */
public record FileSetDownload(String id, List<Entry> files) {
  /**
   * One member to download.
   *
   * @param path remote path without version (written under the mount point)
   * @param url presigned GET URL
   * @param version the member's version
   * @param size size in bytes
   * @param sha256 SHA-256 of the content
   */
  public record Entry(String path, String url, int version, long size, String sha256) {}
}
