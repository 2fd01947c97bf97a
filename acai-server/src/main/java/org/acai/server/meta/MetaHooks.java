package org.acai.server.meta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.server.storage.FileVersion;
import org.jdbi.v3.core.Handle;

/** System metadata written when files and file sets are created, in their transactions. */
public final class MetaHooks {
  private MetaHooks() {}

  /** New file versions' documents, in one statement. */
  public static void filesCreated(Handle handle, long project, List<FileVersion> versions) {
    List<String> ids = new ArrayList<>(versions.size());
    List<Map<String, Object>> docs = new ArrayList<>(versions.size());
    for (FileVersion version : versions) {
      ids.add(version.explicitId());
      docs.add(fileFields(version));
    }
    MetaStore.putSystemAll(handle, project, EntityType.FILE, ids, docs);
  }

  private static Map<String, Object> fileFields(FileVersion version) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("__type__", "file");
    fields.put("__full_path__", version.path().value());
    fields.put("__version__", version.version());
    fields.put("__size__", version.size());
    fields.put("__sha256__", version.sha256());
    fields.put("__creator_id__", version.creatorId());
    fields.put("__create_time__", version.createdMillis());
    return fields;
  }

  /** A new file-set version's document. */
  public static void fileSetCreated(
      Handle handle, long project, String explicitId, List<FileVersion> members, long creator) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("__type__", "fileset");
    fields.put("__name__", explicitId.substring(0, explicitId.lastIndexOf(':')));
    fields.put(
        "__version__", Integer.parseInt(explicitId.substring(explicitId.lastIndexOf(':') + 1)));
    fields.put("__file_count__", members.size());
    fields.put("__size__", members.stream().mapToLong(FileVersion::size).sum());
    fields.put("__creator_id__", creator);
    fields.put("__create_time__", System.currentTimeMillis());
    MetaStore.putSystem(handle, project, EntityType.FILESET, explicitId, fields);
  }
}
