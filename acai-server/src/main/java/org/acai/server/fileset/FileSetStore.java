package org.acai.server.fileset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.acai.api.storage.FileSetVersionInfo;
import org.acai.server.db.TextLists;
import org.acai.server.storage.FileVersion;
import org.jdbi.v3.core.Handle;

/** SQL of file sets, on one handle. */
final class FileSetStore {
  /**
   * Members with their versions, one primary-key probe per member ({@code OFFSET 0} keeps the
   * subquery apart). As a plain join, the planner hashed the members and read every row of
   * file_versions once the project had about 200k versions: 127-199 ms for a 10,000-member set
   * there, growing with all versions stored, against 22 ms this way whatever their number.
   */
  private static final String MEMBER_VERSIONS =
      "SELECT v.* FROM file_set_members m CROSS JOIN LATERAL (SELECT id, path, version, sha256,"
          + " size, creator_id, created_at FROM file_versions f"
          + " WHERE f.id = m.file_version_id OFFSET 0) v";

  private final Handle handle;

  FileSetStore(Handle handle) {
    this.handle = handle;
  }

  /** A file-set version row. */
  record SetRow(long id, String name, int version) {
    String explicitId() {
      return name + ":" + version;
    }
  }

  int reserveVersion(long project, String name) {
    return handle
        .createQuery(
            "INSERT INTO file_set_heads (project_id, name, latest) VALUES (:project, :name, 1)"
                + " ON CONFLICT (project_id, name) DO UPDATE SET latest = file_set_heads.latest + 1"
                + " RETURNING latest")
        .bind("project", project)
        .bind("name", name)
        .mapTo(Integer.class)
        .one();
  }

  /** A new set version's row: its id and creation time. */
  record Inserted(long id, long createdAt) {}

  /** Inserts a set version, under {@code id} (a draft's) or a new one when it is null. */
  Inserted insertSet(Long id, long project, String name, int version, long creator) {
    return handle
        .createQuery(
            "INSERT INTO file_sets (id, project_id, name, version, creator_id)"
                + " VALUES (coalesce(CAST(:id AS bigint), nextval('file_sets_id_seq')), :project,"
                + " :name, :version, :creator) RETURNING id, created_at")
        .bind("id", id)
        .bind("project", project)
        .bind("name", name)
        .bind("version", version)
        .bind("creator", creator)
        .map((rs, ctx) -> new Inserted(rs.getLong(1), rs.getTimestamp(2).getTime()))
        .one();
  }

  void insertMembers(long setId, List<FileVersion> members) {
    // One statement for any number of members: a batch of 10,000 single-row inserts took 0.3 s of
    // the database's time and as many round trips.
    handle
        .createUpdate(
            "INSERT INTO file_set_members (file_set_id, file_version_id, path)"
                + " SELECT :set, t.version, t.path FROM unnest(:versions, "
                + TextLists.sql("paths")
                + ") AS t(version, path)")
        .bind("set", setId)
        .bindArray("versions", Long.class, members.stream().map(FileVersion::id).toList())
        .bind("paths", TextLists.joined(members.stream().map(m -> m.path().value()).toList()))
        .execute();
  }

  void insertSource(long setId, long sourceId) {
    handle
        .createUpdate(
            "INSERT INTO file_set_sources (file_set_id, source_file_set_id) VALUES (:set, :source)"
                + " ON CONFLICT DO NOTHING")
        .bind("set", setId)
        .bind("source", sourceId)
        .execute();
  }

  Optional<SetRow> find(long project, String name, Integer version) {
    String sql =
        version == null
            ? "SELECT id, name, version FROM file_sets WHERE project_id = :project AND name = :name"
                + " AND deletion_id IS NULL ORDER BY version DESC LIMIT 1"
            : "SELECT id, name, version FROM file_sets WHERE project_id = :project AND name = :name"
                + " AND version = :version AND deletion_id IS NULL";
    return handle
        .createQuery(sql)
        .bind("project", project)
        .bind("name", name)
        .bind("version", version)
        .map((rs, ctx) -> new SetRow(rs.getLong("id"), rs.getString("name"), rs.getInt("version")))
        .findOne();
  }

  List<FileVersion> members(long setId) {
    return handle
        .createQuery(MEMBER_VERSIONS + " WHERE m.file_set_id = :set ORDER BY m.path")
        .bind("set", setId)
        .map((rs, ctx) -> FileVersion.fromRow(rs))
        .list();
  }

  /** The set's members at the given paths (an index probe each), by path; others are absent. */
  Map<String, FileVersion> membersAt(long setId, List<String> paths) {
    Map<String, FileVersion> found = new HashMap<>();
    handle
        .createQuery(
            MEMBER_VERSIONS
                + " WHERE m.file_set_id = :set AND m.path = ANY("
                + TextLists.sql("paths")
                + ")")
        .bind("set", setId)
        .bind("paths", TextLists.joined(paths))
        .map((rs, ctx) -> FileVersion.fromRow(rs))
        .forEach(version -> found.put(version.path().value(), version));
    return found;
  }

  List<String> sources(long setId) {
    return handle
        .createQuery(
            "SELECT s.name || ':' || s.version FROM file_set_sources x JOIN file_sets s"
                + " ON s.id = x.source_file_set_id WHERE x.file_set_id = :set ORDER BY 1")
        .bind("set", setId)
        .mapTo(String.class)
        .list();
  }

  List<FileSetVersionInfo> versions(long project, String name) {
    return handle
        .createQuery(
            "SELECT s.name, s.version, s.creator_id, s.created_at, count(v.id) AS files,"
                + " coalesce(sum(v.size), 0) AS total FROM file_sets s"
                + " LEFT JOIN file_set_members m ON m.file_set_id = s.id"
                + " LEFT JOIN file_versions v ON v.id = m.file_version_id"
                + " WHERE s.project_id = :project AND s.name = :name AND s.deletion_id IS NULL"
                + " GROUP BY s.id ORDER BY s.version")
        .bind("project", project)
        .bind("name", name)
        .map(
            (rs, ctx) ->
                new FileSetVersionInfo(
                    rs.getString("name") + ":" + rs.getInt("version"),
                    rs.getString("name"),
                    rs.getInt("version"),
                    rs.getInt("files"),
                    rs.getLong("total"),
                    rs.getLong("creator_id"),
                    rs.getTimestamp("created_at").getTime()))
        .list();
  }

  List<String> names(long project) {
    return names(project, "", Integer.MAX_VALUE);
  }

  /** Names of live file sets after {@code after} in name order, at most {@code limit}. */
  List<String> names(long project, String after, int limit) {
    return handle
        .createQuery(
            "SELECT h.name FROM file_set_heads h WHERE h.project_id = :project AND h.name > :after"
                + " AND EXISTS (SELECT 1 FROM file_sets s WHERE s.project_id = h.project_id"
                + " AND s.name = h.name AND s.deletion_id IS NULL) ORDER BY h.name LIMIT :limit")
        .bind("project", project)
        .bind("after", after)
        .bind("limit", limit)
        .mapTo(String.class)
        .list();
  }
}
