package org.acai.server.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.api.lifecycle.DeleteResult;
import org.acai.api.lifecycle.Pin;
import org.acai.server.fileset.FileSetRef;
import org.jdbi.v3.core.Handle;

/**
 * SQL of file-set deletes, on one handle: one version ({@code name:N}) or every version of a set.
 * The member file versions are untouched; while the set row lives (also in the trash) they stay
 * pinned.
 */
final class SetDeletes {
  private static final String MATCH =
      " FROM file_sets s WHERE s.project_id = :project AND s.name = :name"
          + " AND (CAST(:version AS integer) IS NULL OR s.version = :version)";

  private final Handle handle;

  SetDeletes(Handle handle) {
    this.handle = handle;
  }

  FileDeletes.Count count(long project, FileSetRef ref, long user) {
    return handle
        .createQuery(
            "SELECT count(*) AS versions, count(*) FILTER (WHERE s.creator_id <> :user) AS others"
                + MATCH
                + " AND s.deletion_id IS NULL")
        .bind("project", project)
        .bind("name", ref.name())
        .bind("version", ref.version())
        .bind("user", user)
        .map(
            (rs, ctx) ->
                new FileDeletes.Count(
                    rs.getInt("versions"), rs.getInt("versions") > 0 ? 1 : 0, rs.getInt("others")))
        .one();
  }

  void hide(long project, FileSetRef ref, long deletion) {
    handle
        .createUpdate(
            "WITH hidden AS (UPDATE file_sets s SET deletion_id = :deletion"
                + " WHERE s.project_id = :project AND s.name = :name"
                + " AND (CAST(:version AS integer) IS NULL OR s.version = :version)"
                + " AND s.deletion_id IS NULL RETURNING s.name || ':' || s.version AS id)"
                + " UPDATE meta_docs m SET deletion_id = :deletion FROM hidden h"
                + " WHERE m.project_id = :project AND m.entity_type = 'fileset'"
                + " AND m.entity_id = h.id")
        .bind("project", project)
        .bind("name", ref.name())
        .bind("version", ref.version())
        .bind("deletion", deletion)
        .execute();
  }

  /** Jobs that take the set versions as input, and live sets built from them. */
  List<Pin> pins(long project, FileSetRef ref, Long deletion) {
    String rows =
        MATCH
            + (deletion == null ? " AND s.deletion_id IS NULL" : " AND s.deletion_id = :deletion");
    Map<String, List<String>> byVersion = new LinkedHashMap<>();
    handle
        .createQuery(
            "SELECT id, by FROM (SELECT s.name || ':' || s.version AS id, 'job ' || j.id AS by"
                + " FROM file_sets s JOIN jobs j ON j.project_id = s.project_id"
                + " AND j.input_file_set = s.name || ':' || s.version AND j.deletion_id IS NULL"
                + rows.replace(" FROM file_sets s", "")
                + " UNION ALL SELECT s.name || ':' || s.version,"
                + " 'fileset ' || t.name || ':' || t.version FROM file_sets s"
                + " JOIN file_set_sources x ON x.source_file_set_id = s.id"
                + " JOIN file_sets t ON t.id = x.file_set_id AND t.deletion_id IS NULL"
                + rows.replace(" FROM file_sets s", "")
                + ") p ORDER BY id, by LIMIT :limit")
        .bind("project", project)
        .bind("name", ref.name())
        .bind("version", ref.version())
        .bind("deletion", deletion)
        .bind("limit", DeleteResult.MAX_PINS)
        .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("by")))
        .forEach(
            row ->
                byVersion
                    .computeIfAbsent(row.getKey(), id -> new ArrayList<>())
                    .add(row.getValue()));
    List<Pin> pins = new ArrayList<>();
    byVersion.forEach((id, by) -> pins.add(new Pin(id, by)));
    return pins;
  }
}
