package org.acai.server.meta;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.server.storage.FileVersion;
import org.jdbi.v3.core.Handle;

/**
 * System metadata written when file sets are created, in their transactions. (A new file version's
 * document is derived from its row until it gets user metadata: see {@code DerivedDocs}.)
 */
public final class MetaHooks {
  private MetaHooks() {}

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
