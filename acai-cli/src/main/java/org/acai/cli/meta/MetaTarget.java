package org.acai.cli.meta;

import java.util.List;
import java.util.Map;
import org.acai.sdk.MetaClient;
import picocli.CommandLine.Model.CommandSpec;

/** Which entity a metadata command works on, from its parent command's name. */
final class MetaTarget {
  private MetaTarget() {}

  static String entityType(CommandSpec spec) {
    String parent = spec.parent() == null ? "file" : spec.parent().name();
    return "fileset".equals(parent)
        ? MetaClient.FILE_SET
        : "job".equals(parent) ? MetaClient.JOB : MetaClient.FILE;
  }

  static Map<String, Object> update(
      MetaClient meta, String type, String id, List<String> tags, Map<String, Object> values) {
    switch (type) {
      case MetaClient.FILE_SET:
        return meta.updateFileSetMeta(id, tags, values);
      case MetaClient.JOB:
        return meta.updateJobMeta(Long.parseLong(id), tags, values);
      default:
        return meta.updateFileMeta(id, tags, values);
    }
  }

  static Map<String, Object> delete(
      MetaClient meta, String type, String id, List<String> tags, List<String> keys) {
    switch (type) {
      case MetaClient.FILE_SET:
        return meta.delFileSetMeta(id, tags, keys);
      case MetaClient.JOB:
        return meta.delJobMeta(Long.parseLong(id), tags, keys);
      default:
        return meta.delFileMeta(id, tags, keys);
    }
  }

  /** A command-line value as JSON: integers, decimals, true/false, else a string. */
  static Object typed(String text) {
    if ("true".equals(text) || "false".equals(text)) {
      return Boolean.valueOf(text);
    }
    if (text.matches("-?\\d{1,18}")) {
      return Long.valueOf(text);
    }
    if (text.matches("-?\\d*\\.\\d+([eE][-+]?\\d+)?|-?\\d+[eE][-+]?\\d+")) {
      return Double.valueOf(text);
    }
    return text;
  }
}
