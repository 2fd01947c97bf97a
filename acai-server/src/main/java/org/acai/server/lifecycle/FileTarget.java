package org.acai.server.lifecycle;

import java.util.Map;
import org.acai.server.storage.FileRef;
import org.acai.server.storage.StoragePath;

/**
 * What a file delete names, as an SQL predicate over {@code file_versions v}: one version, every
 * version of a path, or every version below a directory.
 *
 * @param label the target as the user named it
 * @param predicate SQL over alias {@code v}; values only as bind parameters
 * @param binds the parameters
 * @param tree the directory for a recursive delete; null otherwise
 */
record FileTarget(String label, String predicate, Map<String, Object> binds, StoragePath tree) {

  static FileTarget version(FileRef ref) {
    return new FileTarget(
        ref.toString(),
        "v.path = :t_path AND v.version = :t_version",
        Map.of("t_path", ref.path().value(), "t_version", ref.version()),
        null);
  }

  static FileTarget path(StoragePath path) {
    return new FileTarget(path.value(), "v.path = :t_path", Map.of("t_path", path.value()), null);
  }

  static FileTarget tree(StoragePath dir) {
    return new FileTarget(
        dir.isRoot() ? "/" : dir.value() + "/",
        "v.path LIKE :t_prefix ESCAPE '!'",
        Map.of("t_prefix", likePrefix(dir)),
        dir);
  }

  /** A LIKE pattern matching everything below {@code dir}. */
  static String likePrefix(StoragePath dir) {
    String base = dir.isRoot() ? "/" : dir.value() + "/";
    return base.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }
}
