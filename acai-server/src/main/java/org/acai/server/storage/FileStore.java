package org.acai.server.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.acai.api.storage.DirectoryEntry;
import org.acai.server.db.TextLists;
import org.jdbi.v3.core.Handle;

/** SQL of the versioned namespace, on one handle (callers choose the transaction). */
final class FileStore {
  private static final String VERSION_COLUMNS =
      "id, path, version, sha256, size, creator_id, created_at";

  private final Handle handle;

  FileStore(Handle handle) {
    this.handle = handle;
  }

  void ensureDirectories(long project, StoragePath path) {
    for (StoragePath dir : path.ancestors()) {
      handle
          .createUpdate(
              "INSERT INTO directories (project_id, path, parent) VALUES (:project, :path, :parent)"
                  + " ON CONFLICT DO NOTHING")
          .bind("project", project)
          .bind("path", dir.value())
          .bind("parent", dir.parent().value())
          .execute();
    }
  }

  /** Whether a file exists at the path itself or at one of its ancestors. */
  Optional<StoragePath> fileAtOrAbove(long project, StoragePath path) {
    List<String> candidates = new ArrayList<>();
    path.ancestors().forEach(dir -> candidates.add(dir.value()));
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    return handle
        .createQuery(
            "SELECT path FROM file_heads WHERE project_id = :project AND path IN (<paths>) LIMIT 1")
        .bind("project", project)
        .bindList("paths", candidates)
        .mapTo(String.class)
        .findOne()
        .map(StoragePath::new);
  }

  boolean isDirectory(long project, StoragePath path) {
    return path.isRoot()
        || handle
            .createQuery("SELECT 1 FROM directories WHERE project_id = :project AND path = :path")
            .bind("project", project)
            .bind("path", path.value())
            .mapTo(Integer.class)
            .findOne()
            .isPresent();
  }

  Optional<FileVersion> version(long project, StoragePath path, Integer version) {
    String sql =
        version == null
            ? "SELECT "
                + VERSION_COLUMNS
                + " FROM file_versions WHERE project_id = :project"
                + " AND path = :path AND deletion_id IS NULL ORDER BY version DESC LIMIT 1"
            : "SELECT "
                + VERSION_COLUMNS
                + " FROM file_versions WHERE project_id = :project"
                + " AND path = :path AND version = :version AND deletion_id IS NULL";
    return handle
        .createQuery(sql)
        .bind("project", project)
        .bind("path", path.value())
        .bind("version", version)
        .map((rs, ctx) -> FileVersion.fromRow(rs))
        .findOne();
  }

  /**
   * The versions several references name, in one query: element {@code i} is empty when {@code
   * refs[i]} names nothing; a reference without a version names the latest.
   */
  List<Optional<FileVersion>> versions(long project, List<FileRef> refs) {
    List<Optional<FileVersion>> found =
        new ArrayList<>(Collections.nCopies(refs.size(), Optional.empty()));
    handle
        .createQuery(
            "SELECT t.n, v.* FROM unnest("
                + TextLists.sql("paths")
                + ", :versions) WITH ORDINALITY AS t(path, version, n)"
                + " CROSS JOIN LATERAL (SELECT "
                + VERSION_COLUMNS
                + " FROM file_versions f WHERE f.project_id = :project AND f.path = t.path"
                + " AND (t.version IS NULL OR f.version = t.version) AND f.deletion_id IS NULL"
                + " ORDER BY f.version DESC LIMIT 1) v")
        .bind("project", project)
        .bind("paths", TextLists.joined(refs.stream().map(ref -> ref.path().value()).toList()))
        .bindArray("versions", Integer.class, refs.stream().map(FileRef::version).toList())
        .map((rs, ctx) -> Map.entry(rs.getInt("n") - 1, FileVersion.fromRow(rs)))
        .forEach(row -> found.set(row.getKey(), Optional.of(row.getValue())));
    return found;
  }

  List<FileVersion> versions(long project, StoragePath path) {
    return handle
        .createQuery(
            "SELECT "
                + VERSION_COLUMNS
                + " FROM file_versions WHERE project_id = :project"
                + " AND path = :path AND deletion_id IS NULL ORDER BY version")
        .bind("project", project)
        .bind("path", path.value())
        .map((rs, ctx) -> FileVersion.fromRow(rs))
        .list();
  }

  /**
   * At most {@code limit} subdirectories of {@code dir} with paths after {@code after} (null: from
   * the first), in path order, read from the (project, parent, path) index.
   */
  List<DirectoryEntry> subdirectories(long project, StoragePath dir, String after, int limit) {
    return handle
        .createQuery(
            "SELECT d.path, NULL::int AS version, true AS is_dir, NULL::bigint AS size,"
                + " NULL::bigint AS creator_id, NULL::timestamptz AS created_at FROM directories d"
                + " WHERE d.project_id = :project AND d.parent = :dir AND d.path > :after"
                + " ORDER BY d.path LIMIT :limit")
        .bind("project", project)
        .bind("dir", dir.value())
        .bind("after", after == null ? "" : after)
        .bind("limit", limit)
        .map((rs, ctx) -> entry(rs))
        .list();
  }

  /** {@link #subdirectories} for the files of {@code dir}, each with its latest version. */
  List<DirectoryEntry> files(long project, StoragePath dir, String after, int limit) {
    return handle
        .createQuery(
            "SELECT h.path, v.version, false AS is_dir, v.size, v.creator_id, v.created_at"
                + " FROM file_heads h CROSS JOIN LATERAL (SELECT version, size, creator_id,"
                + " created_at FROM file_versions f WHERE f.project_id = h.project_id"
                + " AND f.path = h.path AND f.deletion_id IS NULL ORDER BY f.version DESC LIMIT 1) v"
                + " WHERE h.project_id = :project AND h.parent = :dir AND h.path > :after"
                + " ORDER BY h.path LIMIT :limit")
        .bind("project", project)
        .bind("dir", dir.value())
        .bind("after", after == null ? "" : after)
        .bind("limit", limit)
        .map((rs, ctx) -> entry(rs))
        .list();
  }

  private static DirectoryEntry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new DirectoryEntry(
        new StoragePath(rs.getString("path")).name(),
        (Integer) rs.getObject("version"),
        rs.getBoolean("is_dir"),
        (Long) rs.getObject("size"),
        (Long) rs.getObject("creator_id"),
        rs.getTimestamp("created_at") == null ? null : rs.getTimestamp("created_at").getTime());
  }

  List<DirectoryEntry> children(long project, StoragePath dir) {
    return handle
        .createQuery(
            "SELECT d.path, NULL::int AS version, true AS is_dir, NULL::bigint AS size,"
                + " NULL::bigint AS creator_id, NULL::timestamptz AS created_at"
                + " FROM directories d WHERE d.project_id = :project AND d.parent = :dir"
                + " UNION ALL"
                + " SELECT h.path, v.version, false, v.size, v.creator_id, v.created_at"
                + " FROM file_heads h CROSS JOIN LATERAL (SELECT version, size, creator_id,"
                + " created_at FROM file_versions f WHERE f.project_id = h.project_id"
                + " AND f.path = h.path AND f.deletion_id IS NULL ORDER BY f.version DESC LIMIT 1) v"
                + " WHERE h.project_id = :project AND h.parent = :dir ORDER BY 1")
        .bind("project", project)
        .bind("dir", dir.value())
        .map(
            (rs, ctx) ->
                new DirectoryEntry(
                    new StoragePath(rs.getString("path")).name(),
                    (Integer) rs.getObject("version"),
                    rs.getBoolean("is_dir"),
                    (Long) rs.getObject("size"),
                    (Long) rs.getObject("creator_id"),
                    rs.getTimestamp("created_at") == null
                        ? null
                        : rs.getTimestamp("created_at").getTime()))
        .list();
  }
}
