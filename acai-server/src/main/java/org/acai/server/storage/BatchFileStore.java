package org.acai.server.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.acai.server.db.TextLists;
import org.jdbi.v3.core.Handle;

/**
 * The versioned namespace's writes for a whole upload session, one statement per step whatever the
 * number of files (arrays through {@code unnest}), on one handle.
 */
final class BatchFileStore {
  private final Handle handle;

  BatchFileStore(Handle handle) {
    this.handle = handle;
  }

  /** One new version to insert. */
  record NewVersion(StoragePath path, int version, String sha256, long size) {}

  /** The first of the given paths that is a directory already. */
  Optional<String> firstDirectory(long project, List<String> paths) {
    return handle
        .createQuery(
            "SELECT path FROM directories WHERE project_id = :project AND path = ANY("
                + TextLists.sql("paths")
                + ")"
                + " ORDER BY path LIMIT 1")
        .bind("project", project)
        .bind("paths", TextLists.joined(paths))
        .mapTo(String.class)
        .findOne();
  }

  /** The first of the given directory paths that is a file already. */
  Optional<String> firstFile(long project, List<String> paths) {
    return handle
        .createQuery(
            "SELECT path FROM file_heads WHERE project_id = :project AND path = ANY("
                + TextLists.sql("paths")
                + ")"
                + " ORDER BY path LIMIT 1")
        .bind("project", project)
        .bind("paths", TextLists.joined(paths))
        .mapTo(String.class)
        .findOne();
  }

  /**
   * Reserves {@code counts[i]} new versions of each path under the heads' row locks, taken in the
   * order given (callers sort, so that concurrent sessions cannot deadlock).
   *
   * @return each path's first reserved version
   */
  Map<String, Integer> reserveVersions(
      long project, List<StoragePath> paths, List<Integer> counts) {
    Map<String, Integer> counted = new HashMap<>();
    for (int i = 0; i < paths.size(); i++) {
      counted.put(paths.get(i).value(), counts.get(i));
    }
    Map<String, Integer> first = new HashMap<>();
    handle
        .createQuery(
            "INSERT INTO file_heads (project_id, path, parent, latest)"
                + " SELECT :project, t.path, t.parent, t.count"
                + " FROM unnest("
                + TextLists.sql("paths")
                + ", "
                + TextLists.sql("parents")
                + ", :counts) WITH ORDINALITY AS t(path, parent, count, n)"
                + " ORDER BY t.n"
                + " ON CONFLICT (project_id, path)"
                + " DO UPDATE SET latest = file_heads.latest + EXCLUDED.latest"
                + " RETURNING path, latest")
        .bind("project", project)
        .bind("paths", TextLists.joined(values(paths)))
        .bind("parents", TextLists.joined(parents(paths)))
        .bindArray("counts", Integer.class, counts)
        .map((rs, ctx) -> Map.entry(rs.getString("path"), rs.getInt("latest")))
        .forEach(row -> first.put(row.getKey(), row.getValue() - counted.get(row.getKey()) + 1));
    return first;
  }

  /** Records directories (ignoring those that exist). */
  void ensureDirectories(long project, List<StoragePath> directories) {
    if (directories.isEmpty()) {
      return;
    }
    handle
        .createUpdate(
            "INSERT INTO directories (project_id, path, parent)"
                + " SELECT :project, t.path, t.parent FROM unnest("
                + TextLists.sql("paths")
                + ", "
                + TextLists.sql("parents")
                + ") AS t(path, parent)"
                + " ON CONFLICT DO NOTHING")
        .bind("project", project)
        .bind("paths", TextLists.joined(values(directories)))
        .bind("parents", TextLists.joined(parents(directories)))
        .execute();
  }

  /** Inserts versions. */
  /**
   * Inserts the versions; with a draft (not null), each also becomes a member of that file-set
   * draft in the same statement.
   */
  void insertVersions(long project, long creator, List<NewVersion> versions, Long draft) {
    List<String> paths = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    List<String> digests = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    for (NewVersion version : versions) {
      paths.add(version.path().value());
      numbers.add(version.version());
      digests.add(version.sha256());
      sizes.add(version.size());
    }
    String insert =
        "INSERT INTO file_versions (project_id, path, version, sha256, size, creator_id)"
            + " SELECT :project, t.path, t.version, t.sha256, t.size, :creator"
            + " FROM unnest("
            + TextLists.sql("paths")
            + ", :versions, "
            + TextLists.sql("digests")
            + ", :sizes) AS t(path, version, sha256, size)";
    handle
        .createUpdate(
            draft == null
                ? insert
                : "WITH made AS ("
                    + insert
                    + " RETURNING id, path) INSERT INTO file_set_members"
                    + " (file_set_id, file_version_id, path) SELECT :draft, id, path FROM made")
        .bind("draft", draft)
        .bind("project", project)
        .bind("creator", creator)
        .bind("paths", TextLists.joined(paths))
        .bindArray("versions", Integer.class, numbers)
        .bind("digests", TextLists.joined(digests))
        .bindArray("sizes", Long.class, sizes)
        .execute();
  }

  private static List<String> values(List<StoragePath> paths) {
    return paths.stream().map(StoragePath::value).toList();
  }

  private static List<String> parents(List<StoragePath> paths) {
    return paths.stream().map(path -> path.parent().value()).toList();
  }
}
