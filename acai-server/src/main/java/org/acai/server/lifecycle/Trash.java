package org.acai.server.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.acai.api.lifecycle.TrashEntry;
import org.jdbi.v3.core.Handle;

/** SQL of the trash: one {@code deletions} row per delete request, on one handle. */
final class Trash {
  /** Tables whose rows a delete hides by pointing them at its trash entry. */
  static final List<String> HIDING_TABLES = List.of("file_versions", "file_sets", "jobs");

  private final Handle handle;

  Trash(Handle handle) {
    this.handle = handle;
  }

  /** A trash entry as stored. */
  record Entry(long id, long projectId, String kind, String target, long deletedBy, int items) {}

  long insert(long project, String kind, String target, long user, int items) {
    return handle
        .createQuery(
            "INSERT INTO deletions (project_id, kind, target, deleted_by, items)"
                + " VALUES (:project, :kind, :target, :user, :items) RETURNING id")
        .bind("project", project)
        .bind("kind", kind)
        .bind("target", target)
        .bind("user", user)
        .bind("items", items)
        .mapTo(Long.class)
        .one();
  }

  /** The entries of a project, oldest first; only the user's own unless {@code all}. */
  List<TrashEntry> list(long project, long user, boolean all, Duration retention) {
    return handle
        .createQuery(
            "SELECT id, kind, target, items, deleted_by, deleted_at FROM deletions"
                + " WHERE project_id = :project AND (:all OR deleted_by = :user) ORDER BY id")
        .bind("project", project)
        .bind("user", user)
        .bind("all", all)
        .map(
            (rs, ctx) -> {
              long deleted = rs.getTimestamp("deleted_at").getTime();
              return new TrashEntry(
                  rs.getLong("id"),
                  rs.getString("kind"),
                  rs.getString("target"),
                  rs.getInt("items"),
                  rs.getLong("deleted_by"),
                  deleted,
                  deleted + retention.toMillis());
            })
        .list();
  }

  /** Locks an entry of the project against purges and concurrent restores. */
  Optional<Entry> lock(long project, long id) {
    return handle
        .createQuery(
            "SELECT id, project_id, kind, target, deleted_by, items FROM deletions"
                + " WHERE id = :id AND project_id = :project FOR UPDATE")
        .bind("id", id)
        .bind("project", project)
        .map(
            (rs, ctx) ->
                new Entry(
                    rs.getLong("id"),
                    rs.getLong("project_id"),
                    rs.getString("kind"),
                    rs.getString("target"),
                    rs.getLong("deleted_by"),
                    rs.getInt("items")))
        .findOne();
  }

  /** Un-hides every row the entry hid, in every table, and drops the entry; returns the count. */
  int restore(long id) {
    int restored = 0;
    for (String table : HIDING_TABLES) {
      restored +=
          handle
              .createUpdate("UPDATE " + table + " SET deletion_id = NULL WHERE deletion_id = :id")
              .bind("id", id)
              .execute();
    }
    handle
        .createUpdate("UPDATE meta_docs SET deletion_id = NULL WHERE deletion_id = :id")
        .bind("id", id)
        .execute();
    remove(id);
    return restored;
  }

  void remove(long id) {
    handle.createUpdate("DELETE FROM deletions WHERE id = :id").bind("id", id).execute();
  }
}
