package org.acai.sdk;

import java.util.List;
import java.util.Map;

/** The original SDK's {@code Meta}: static calls with the process's credentials. */
public final class Meta {
  private Meta() {}

  /** Same as {@link MetaClient#updateFileMeta}, with the process's credentials. */
  public static Map<String, Object> updateFileMeta(
      String filePath, List<String> tags, Map<String, ?> kvPairs) {
    return client().updateFileMeta(filePath, tags, kvPairs);
  }

  /** Same as {@link MetaClient#updateFileSetMeta}, with the process's credentials. */
  public static Map<String, Object> updateFileSetMeta(
      String fileSet, List<String> tags, Map<String, ?> kvPairs) {
    return client().updateFileSetMeta(fileSet, tags, kvPairs);
  }

  /** Same as {@link MetaClient#updateJobMeta}, with the process's credentials. */
  public static Map<String, Object> updateJobMeta(
      long jobId, List<String> tags, Map<String, ?> kvPairs) {
    return client().updateJobMeta(jobId, tags, kvPairs);
  }

  /** Same as {@link MetaClient#findFile}, with the process's credentials. */
  public static List<Map<String, Object>> findFile(Condition... conditions) {
    return client().findFile(conditions);
  }

  /** Same as {@link MetaClient#findFileSet}, with the process's credentials. */
  public static List<Map<String, Object>> findFileSet(Condition... conditions) {
    return client().findFileSet(conditions);
  }

  /** Same as {@link MetaClient#findJob}, with the process's credentials. */
  public static List<Map<String, Object>> findJob(Condition... conditions) {
    return client().findJob(conditions);
  }

  /** Same as {@link MetaClient#queryMeta}, with the process's credentials. */
  public static List<Map<String, Object>> queryMeta(String entityType, Condition... conditions) {
    return client().queryMeta(entityType, conditions);
  }

  /** Same as {@link MetaClient#search}, with the process's credentials. */
  public static MetaSearch search(String entityType) {
    return client().search(entityType);
  }

  /**
   * Same as {@link MetaClient#getFileMeta}, with the process's credentials: directories are
   * ignored.
   */
  public static List<Map<String, Object>> getFileMeta(String... files) {
    return client().getFileMeta(files);
  }

  /** Same as {@link MetaClient#delFileMeta}, with the process's credentials. */
  public static Map<String, Object> delFileMeta(
      String filePath, List<String> tags, List<String> keys) {
    return client().delFileMeta(filePath, tags, keys);
  }

  /** Same as {@link MetaClient#delFileSetMeta}, with the process's credentials. */
  public static Map<String, Object> delFileSetMeta(
      String fileSet, List<String> tags, List<String> keys) {
    return client().delFileSetMeta(fileSet, tags, keys);
  }

  /** Same as {@link MetaClient#delJobMeta}, with the process's credentials. */
  public static Map<String, Object> delJobMeta(long jobId, List<String> tags, List<String> keys) {
    return client().delJobMeta(jobId, tags, keys);
  }

  private static MetaClient client() {
    return AcaiClient.fromEnvironment().meta();
  }
}
