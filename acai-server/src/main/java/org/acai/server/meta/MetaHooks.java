package org.acai.server.meta;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.server.storage.FileVersion;
import org.jdbi.v3.core.Handle;

/** System metadata written when files and file sets are created, in their transactions. */
public final class MetaHooks {
  private MetaHooks() {}

  /** A new file version's document. */
  public static void fileCreated(Handle handle, long project, FileVersion version) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("__type__", "file");
    fields.put("__full_path__", version.path().value());
    fields.put("__version__", version.version());
    fields.put("__size__", version.size());
    fields.put("__sha256__", version.sha256());
    fields.put("__creator_id__", version.creatorId());
    fields.put("__create_time__", version.createdMillis());
    MetaStore.putSystem(handle, project, EntityType.FILE, version.explicitId(), fields);
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
