package org.acai.sdk;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.acai.api.meta.MetaResponse;
import org.acai.sdk.internal.Transport;

/**
 * Metadata on file versions, file-set versions and jobs: tags and key/values, plus the system
 * fields ({@code __size__}, {@code __version__}, {@code __create_time__}, …), and AND-ed queries.
 * Thread-safe.
 */
public final class MetaClient {
  /** Entity type names on the wire. */
  public static final String FILE = "file";

  /** File sets. */
  public static final String FILE_SET = "fileset";

  /** Jobs. */
  public static final String JOB = "job";

  private final Transport transport;

  MetaClient(Transport transport) {
    this.transport = transport;
  }

  /** Adds tags and key/values to a file version ({@code path} without {@code :N} = latest). */
  public Map<String, Object> updateFileMeta(
      String path, List<String> tags, Map<String, ?> kvPairs) {
    return update("/meta/update_file_meta", path, tags, kvPairs);
  }

  /** Adds tags and key/values to a file-set version ({@code name} without {@code :N} = latest). */
  public Map<String, Object> updateFileSetMeta(
      String fileSet, List<String> tags, Map<String, ?> kvPairs) {
    return update("/meta/update_file_set_meta", fileSet, tags, kvPairs);
  }

  /** Adds tags and key/values to a job. */
  public Map<String, Object> updateJobMeta(long jobId, List<String> tags, Map<String, ?> kvPairs) {
    return update("/meta/update_job_meta", jobId, tags, kvPairs);
  }

  /** Removes tags and keys from a file version. */
  public Map<String, Object> delFileMeta(String path, List<String> tags, List<String> keys) {
    return delete("/meta/del_file_meta", path, tags, keys);
  }

  /** Removes tags and keys from a file-set version. */
  public Map<String, Object> delFileSetMeta(String fileSet, List<String> tags, List<String> keys) {
    return delete("/meta/del_file_set_meta", fileSet, tags, keys);
  }

  /** Removes tags and keys from a job. */
  public Map<String, Object> delJobMeta(long jobId, List<String> tags, List<String> keys) {
    return delete("/meta/del_job_meta", jobId, tags, keys);
  }

  /**
   * The documents of several files (a bare path means its latest version), in the order asked.
   * Directories among them ({@code /dir/}, or {@code /dir} where no such file exists) are ignored,
   * as in the original SDK: they carry no metadata.
   *
   * @throws org.acai.api.error.NoSuchFileException if a path is neither a file nor a directory
   */
  public List<Map<String, Object>> getFileMeta(String... paths) {
    return getMeta(FILE, Arrays.asList((Object[]) paths));
  }

  /** The documents of several entities of one type, in order. */
  public List<Map<String, Object>> getMeta(String entityType, List<?> ids) {
    return transport
        .post("/meta/get_meta", Map.of("type", entityType, "ids", ids), MetaResponse.class)
        .data();
  }

  /** Files matching every condition. */
  public List<Map<String, Object>> findFile(Condition... conditions) {
    return queryMeta(FILE, conditions);
  }

  /** File sets matching every condition. */
  public List<Map<String, Object>> findFileSet(Condition... conditions) {
    return queryMeta(FILE_SET, conditions);
  }

  /** Jobs matching every condition. */
  public List<Map<String, Object>> findJob(Condition... conditions) {
    return queryMeta(JOB, conditions);
  }

  /** Entities of a type matching every condition, all pages of them. */
  public List<Map<String, Object>> queryMeta(String entityType, Condition... conditions) {
    return search(entityType).where(conditions).all();
  }

  /**
   * A query of one entity type ({@link #FILE}, {@link #FILE_SET}, {@link #JOB}) to refine with
   * conditions, a sort and paging.
   */
  public MetaSearch search(String entityType) {
    return new MetaSearch(transport, entityType);
  }

  private Map<String, Object> update(
      String path, Object id, List<String> tags, Map<String, ?> kvPairs) {
    Map<String, Object> body = new HashMap<>();
    body.put("id", id);
    body.put("meta", kvPairs == null ? Map.of() : kvPairs);
    body.put("tags", tags == null ? List.of() : tags);
    return transport.post(path, body, MetaResponse.class).data().get(0);
  }

  private Map<String, Object> delete(String path, Object id, List<String> tags, List<String> keys) {
    Map<String, Object> body = new HashMap<>();
    body.put("id", id);
    body.put("tags", tags == null ? List.of() : tags);
    body.put("keys", keys == null ? List.of() : keys);
    return transport.post(path, body, MetaResponse.class).data().get(0);
  }
}
