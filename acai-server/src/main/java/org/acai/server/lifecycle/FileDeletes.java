package org.acai.server.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.acai.api.lifecycle.DeleteResult;
import org.acai.api.lifecycle.Pin;
import org.acai.server.storage.StoragePath;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/** SQL of file deletes and restores, on one handle. */
final class FileDeletes {
  private static final String VISIBLE = " FROM file_versions v WHERE v.project_id = :project";

  private final Handle handle;

  FileDeletes(Handle handle) {
    this.handle = handle;
  }

  /** How many visible versions a target names, on how many paths, and how many others made. */
  record Count(int versions, int paths, int byOthers) {}

  Count count(long project, FileTarget target, long user) {
    return bind(
            handle.createQuery(
                "SELECT count(*) AS versions, count(DISTINCT v.path) AS paths,"
                    + " count(*) FILTER (WHERE v.creator_id <> :user) AS others"
                    + VISIBLE
                    + " AND v.deletion_id IS NULL AND "
                    + target.predicate()),
            project,
            target)
        .bind("user", user)
        .map((rs, ctx) -> new Count(rs.getInt("versions"), rs.getInt("paths"), rs.getInt("others")))
        .one();
  }

  /** Hides the visible versions a target names, and their metadata, behind a trash entry. */
  void hide(long project, FileTarget target, long deletion) {
    bind(
            handle.createUpdate(
                "WITH hidden AS (UPDATE file_versions v SET deletion_id = :deletion WHERE"
                    + " v.project_id = :project AND v.deletion_id IS NULL AND "
                    + target.predicate()
                    + " RETURNING v.path || ':' || v.version AS id)"
                    + " UPDATE meta_docs m SET deletion_id = :deletion FROM hidden h"
                    + " WHERE m.project_id = :project AND m.entity_type = 'file'"
                    + " AND m.entity_id = h.id"),
            project,
            target)
        .bind("deletion", deletion)
        .execute();
  }

  /**
   * Drops directories at or below {@code dir} that have no visible file left below them; a restore
   * makes them again.
   */
  void dropEmptyDirectories(long project, StoragePath dir) {
    handle
        .createUpdate(
            "DELETE FROM directories d WHERE d.project_id = :project"
                + " AND (d.path = :dir OR d.path LIKE :prefix ESCAPE '!')"
                + " AND NOT EXISTS (SELECT 1 FROM file_versions v"
                + " WHERE v.project_id = d.project_id AND v.deletion_id IS NULL"
                // Below d.path: from "d.path/" up to "d.path0" ('0' follows '/') in byte order, a
                // range of the path index. A LIKE built from d.path is no index condition: it read
                // all of the project's versions, 200 ms at 600k.
                + " AND v.path ~>=~ (d.path || '/') AND v.path ~<~ (d.path || '0'))")
        .bind("project", project)
        .bind("dir", dir.value())
        .bind("prefix", FileTarget.likePrefix(dir))
        .execute();
  }

  /**
   * The file sets and jobs that reference versions matching {@code predicate} (hidden by {@code
   * deletion}, or visible for a dry run), at most {@link DeleteResult#MAX_PINS} versions.
   */
  List<Pin> pins(long project, FileTarget target, Long deletion) {
    String rows =
        VISIBLE
            + (deletion == null ? " AND v.deletion_id IS NULL" : " AND v.deletion_id = :deletion")
            + " AND "
            + target.predicate();
    Map<String, List<String>> byVersion = new LinkedHashMap<>();
    bind(
            handle.createQuery(
                "SELECT id, by FROM (SELECT v.path || ':' || v.version AS id,"
                    + " 'fileset ' || s.name || ':' || s.version AS by"
                    + " FROM file_versions v JOIN file_set_members m ON m.file_version_id = v.id"
                    + " JOIN file_sets s ON s.id = m.file_set_id AND s.deletion_id IS NULL"
                    + rows.replace(" FROM file_versions v", "")
                    + " UNION ALL SELECT v.path || ':' || v.version, 'job ' || j.id"
                    + " FROM file_versions v JOIN jobs j ON j.project_id = v.project_id"
                    + " AND j.code = v.path || ':' || v.version AND j.deletion_id IS NULL"
                    + rows.replace(" FROM file_versions v", "")
                    + ") p ORDER BY id, by LIMIT :limit"),
            project,
            target)
        .bind("deletion", deletion)
        .bind("limit", DeleteResult.MAX_PINS * 10)
        .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("by")))
        .forEach(
            row -> {
              if (byVersion.size() < DeleteResult.MAX_PINS || byVersion.containsKey(row.getKey())) {
                byVersion
                    .computeIfAbsent(row.getKey(), id -> new ArrayList<>())
                    .add(row.getValue());
              }
            });
    List<Pin> pins = new ArrayList<>();
    byVersion.forEach((id, by) -> pins.add(new Pin(id, by)));
    return pins;
  }

  /**
   * A path a restore of {@code deletion} would clash with: a restored file where a directory is
   * now, or a file now where the restore needs one of the directories {@code dirs}.
   */
  Optional<String> restoreClash(long project, long deletion, List<StoragePath> dirs) {
    return handle
        .createQuery(
            "SELECT d.path FROM file_versions v JOIN directories d ON d.project_id = v.project_id"
                + " AND d.path = v.path WHERE v.deletion_id = :deletion"
                + " UNION ALL SELECT f.path FROM file_versions f WHERE f.project_id = :project"
                + " AND f.path = ANY(:dirs) AND f.deletion_id IS NULL LIMIT 1")
        .bind("deletion", deletion)
        .bind("project", project)
        .bindArray("dirs", String.class, chain(dirs))
        .mapTo(String.class)
        .findOne();
  }

  /** The distinct parent directories of the versions a trash entry hides. */
  List<StoragePath> parents(long deletion) {
    return handle
        .createQuery(
            "SELECT DISTINCT regexp_replace(path, '/[^/]*$', '') FROM file_versions"
                + " WHERE deletion_id = :deletion")
        .bind("deletion", deletion)
        .mapTo(String.class)
        .map(parent -> parent.isEmpty() ? StoragePath.ROOT : new StoragePath(parent))
        .list();
  }

  /** Makes directories (and their ancestors) exist again. */
  void ensureDirectories(long project, List<StoragePath> dirs) {
    List<String> paths = chain(dirs);
    List<String> parents = paths.stream().map(p -> new StoragePath(p).parent().value()).toList();
    handle
        .createUpdate(
            "INSERT INTO directories (project_id, path, parent) SELECT :project, p, q"
                + " FROM unnest(:paths, :parents) AS t(p, q) ON CONFLICT DO NOTHING")
        .bind("project", project)
        .bindArray("paths", String.class, paths)
        .bindArray("parents", String.class, parents)
        .execute();
  }

  /** The directories and all their ancestors, without the root, each once. */
  private static List<String> chain(List<StoragePath> dirs) {
    Set<String> chain = new LinkedHashSet<>();
    for (StoragePath dir : dirs) {
      dir.ancestors().forEach(ancestor -> chain.add(ancestor.value()));
      if (!dir.isRoot()) {
        chain.add(dir.value());
      }
    }
    return new ArrayList<>(chain);
  }

  private static <T extends SqlStatement<T>> T bind(T statement, long project, FileTarget target) {
    statement.bind("project", project);
    target.binds().forEach(statement::bind);
    return statement;
  }
}
