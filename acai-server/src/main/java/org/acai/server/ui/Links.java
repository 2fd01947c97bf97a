package org.acai.server.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Dashboard URLs of files, file sets, jobs and lineage, with their query parts encoded. */
public final class Links {
  private Links() {}

  /** A query value, URL-encoded. */
  public static String q(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }

  /** The directory browser at {@code dir}. */
  public static String dir(String dir) {
    return "/ui/files?path=" + q(dir);
  }

  /** A file's page, one version selected (null: the latest). */
  public static String file(String path, Integer version) {
    return "/ui/file?path=" + q(path) + (version == null ? "" : "&version=" + version);
  }

  /** A file's page from an explicit id {@code path:N}. */
  public static String fileId(String explicitId) {
    int colon = explicitId.lastIndexOf(':');
    return colon < 0
        ? file(explicitId, null)
        : "/ui/file?path="
            + q(explicitId.substring(0, colon))
            + "&version="
            + q(explicitId.substring(colon + 1));
  }

  /** The download of a file version {@code path:N}, through the session. */
  public static String download(String explicitId) {
    return "/ui/download?id=" + q(explicitId);
  }

  /** A file set's page from {@code name} or {@code name:N} (a leading {@code @} is dropped). */
  public static String set(String reference) {
    String ref = reference.startsWith("@") ? reference.substring(1) : reference;
    int colon = ref.lastIndexOf(':');
    return colon < 0
        ? "/ui/set?name=" + q(ref)
        : "/ui/set?name=" + q(ref.substring(0, colon)) + "&version=" + q(ref.substring(colon + 1));
  }

  /** The lineage graph of a file set {@code name:N}. */
  public static String setLineage(String explicitId) {
    return "/ui/lineage?set="
        + q(explicitId.startsWith("@") ? explicitId.substring(1) : explicitId);
  }

  /** The lineage graph of a job. */
  public static String jobLineage(long jobId) {
    return "/ui/lineage?job=" + jobId;
  }
}
