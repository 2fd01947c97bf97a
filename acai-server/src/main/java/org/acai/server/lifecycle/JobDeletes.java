package org.acai.server.lifecycle;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL of job deletes, on one handle: the job's row and its metadata (logs and events go at purge).
 */
final class JobDeletes {
  private final Handle handle;

  JobDeletes(Handle handle) {
    this.handle = handle;
  }

  /** A visible job of the project, locked. */
  record JobRow(long id, long creatorId, String status, String outputFileSet) {}

  Optional<JobRow> lock(long project, long id) {
    return handle
        .createQuery(
            "SELECT id, creator_id, status, output_file_set FROM jobs WHERE project_id = :project"
                + " AND id = :id AND deletion_id IS NULL FOR UPDATE")
        .bind("project", project)
        .bind("id", id)
        .map(
            (rs, ctx) ->
                new JobRow(
                    rs.getLong("id"),
                    rs.getLong("creator_id"),
                    rs.getString("status"),
                    rs.getString("output_file_set")))
        .findOne();
  }

  void hide(long project, long id, long deletion) {
    handle
        .createUpdate("UPDATE jobs SET deletion_id = :deletion WHERE id = :id")
        .bind("id", id)
        .bind("deletion", deletion)
        .execute();
    handle
        .createUpdate(
            "UPDATE meta_docs SET deletion_id = :deletion WHERE project_id = :project"
                + " AND entity_type = 'job' AND entity_id = :entity")
        .bind("project", project)
        .bind("entity", Long.toString(id))
        .bind("deletion", deletion)
        .execute();
  }

  /** Removes for good the jobs a trash entry hides: logs, events, provenance, metadata, rows. */
  static long purge(Handle handle, long deletion) {
    for (String table : new String[] {"job_logs", "job_events", "provenance_edges"}) {
      handle
          .createUpdate(
              "DELETE FROM "
                  + table
                  + " WHERE job_id IN (SELECT id FROM jobs WHERE deletion_id = :deletion)")
          .bind("deletion", deletion)
          .execute();
    }
    handle
        .createUpdate(
            "DELETE FROM meta_docs m USING jobs j WHERE j.deletion_id = :deletion"
                + " AND m.project_id = j.project_id AND m.entity_type = 'job'"
                + " AND m.entity_id = CAST(j.id AS text)")
        .bind("deletion", deletion)
        .execute();
    return handle
        .createUpdate("DELETE FROM jobs WHERE deletion_id = :deletion")
        .bind("deletion", deletion)
        .execute();
  }
}
