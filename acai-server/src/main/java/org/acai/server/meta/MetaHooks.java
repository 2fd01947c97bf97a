package org.acai.server.meta;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * System metadata written when file sets are created, in their transactions. (A new file version's
 * document is derived from its row until it gets user metadata: see {@code DerivedDocs}.)
 */
public final class MetaHooks {
  private MetaHooks() {}

  /** A new file-set version's document. */
  public static void fileSetCreated(
      Handle handle, long project, String explicitId, long files, long bytes, long creator) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("__type__", "fileset");
    fields.put("__name__", explicitId.substring(0, explicitId.lastIndexOf(':')));
    fields.put(
        "__version__", Integer.parseInt(explicitId.substring(explicitId.lastIndexOf(':') + 1)));
    fields.put("__file_count__", files);
    fields.put("__size__", bytes);
    fields.put("__creator_id__", creator);
    fields.put("__create_time__", System.currentTimeMillis());
    MetaStore.putSystem(handle, project, EntityType.FILESET, explicitId, fields);
  }
}
