package org.acai.server.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.acai.server.fileset.FileSetDrafts;
import org.acai.server.fileset.MemberGuard;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Ends the retention period: removes for good what was deleted longer ago than the retention and
 * that nothing pins, and makes the blobs that lost their last row GC candidates. A file version in
 * a file set (live or in the trash) or used as a job's code stays; so does a file-set version that
 * a job takes as input or another set was built from. Trash entries are worked through one per
 * transaction, each locked so that a restore and a purge of it cannot interleave; an entry whose
 * rows are all gone goes too. Thread-safe.
 */
final class Purger {
  private static final int ENTRIES_PER_BATCH = 100;

  private static final String PURGEABLE_FILES =
      " FROM file_versions v WHERE v.deletion_id = :deletion"
          + " AND NOT EXISTS (SELECT 1 FROM file_set_members m WHERE m.file_version_id = v.id)"
          + " AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.project_id = v.project_id"
          + " AND j.code = v.path || ':' || v.version)";

  private static final String PURGEABLE_SETS =
      " FROM file_sets s WHERE s.deletion_id = :deletion"
          + " AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.project_id = s.project_id"
          + " AND j.input_file_set = s.name || ':' || s.version)"
          + " AND NOT EXISTS (SELECT 1 FROM file_set_sources x WHERE x.source_file_set_id = s.id)";

  private final Jdbi jdbi;
  private final Duration retention;

  Purger(Jdbi jdbi, Duration retention) {
    this.jdbi = jdbi;
    this.retention = retention;
  }

  /**
   * Purges every expired trash entry; returns how many entities went. Expired file-set drafts go
   * first, with their members, so that the versions they alone pinned can go in the same run.
   */
  long purge() {
    jdbi.useTransaction(FileSetDrafts::removeExpired);
    long purged = 0;
    long after = 0;
    while (true) {
      long from = after;
      List<Long> entries = jdbi.withHandle(handle -> expired(handle, from));
      for (long entry : entries) {
        purged += jdbi.inTransaction(handle -> purgeEntry(handle, entry));
        after = entry;
      }
      if (entries.size() < ENTRIES_PER_BATCH) {
        return purged;
      }
    }
  }

  /** How many entities a purge would remove now. */
  long countPurgeable() {
    return jdbi.withHandle(
        handle -> {
          long count = 0;
          long after = 0;
          while (true) {
            List<Long> entries = expired(handle, after);
            for (long entry : entries) {
              count += count(handle, "SELECT count(*)" + PURGEABLE_FILES, entry);
              count += count(handle, "SELECT count(*)" + PURGEABLE_SETS, entry);
              after = entry;
            }
            if (entries.size() < ENTRIES_PER_BATCH) {
              return count;
            }
          }
        });
  }

  private List<Long> expired(Handle handle, long after) {
    return handle
        .createQuery(
            "SELECT id FROM deletions WHERE deleted_at <= now() - CAST(:retention AS interval)"
                + " AND id > :after ORDER BY id LIMIT :limit")
        .bind("retention", retention.toMillis() + " milliseconds")
        .bind("after", after)
        .bind("limit", ENTRIES_PER_BATCH)
        .mapTo(Long.class)
        .list();
  }

  private long purgeEntry(Handle handle, long entry) {
    Optional<Long> project =
        handle
            .createQuery("SELECT project_id FROM deletions WHERE id = :id FOR UPDATE SKIP LOCKED")
            .bind("id", entry)
            .mapTo(Long.class)
            .findOne();
    if (project.isEmpty()) {
      return 0;
    }
    // Before what nothing pins is read: a file set taking one of these versions is committed or
    // waits.
    MemberGuard.lockForRemoval(handle, project.get());
    long purged =
        JobDeletes.purge(handle, entry) + purgeSets(handle, entry) + purgeFiles(handle, entry);
    long left =
        count(handle, "SELECT count(*) FROM file_versions WHERE deletion_id = :deletion", entry)
            + count(handle, "SELECT count(*) FROM file_sets WHERE deletion_id = :deletion", entry)
            + count(handle, "SELECT count(*) FROM jobs WHERE deletion_id = :deletion", entry);
    if (left == 0) {
      handle
          .createUpdate("DELETE FROM meta_docs WHERE deletion_id = :deletion")
          .bind("deletion", entry)
          .execute();
      new Trash(handle).remove(entry);
    }
    return purged;
  }

  private static long purgeFiles(Handle handle, long entry) {
    return handle
        .createQuery(
            "WITH gone AS (DELETE"
                + PURGEABLE_FILES
                + " RETURNING v.project_id, v.path, v.version, v.sha256, v.size),"
                + " docs AS (DELETE FROM meta_docs m USING gone g"
                + " WHERE m.project_id = g.project_id AND m.entity_type = 'file'"
                + " AND m.entity_id = g.path || ':' || g.version),"
                + " candidates AS (INSERT INTO blob_candidates (sha256, size)"
                + " SELECT DISTINCT sha256, size FROM gone ON CONFLICT (sha256) DO NOTHING)"
                + " SELECT count(*) FROM gone")
        .bind("deletion", entry)
        .mapTo(Long.class)
        .one();
  }

  private static long purgeSets(Handle handle, long entry) {
    List<Long> sets =
        handle
            .createQuery("SELECT s.id" + PURGEABLE_SETS)
            .bind("deletion", entry)
            .mapTo(Long.class)
            .list();
    if (sets.isEmpty()) {
      return 0;
    }
    for (String sql :
        List.of(
            "DELETE FROM file_set_members WHERE file_set_id = ANY(:ids)",
            "DELETE FROM file_set_sources WHERE file_set_id = ANY(:ids)",
            "DELETE FROM meta_docs m USING file_sets s WHERE s.id = ANY(:ids)"
                + " AND m.project_id = s.project_id AND m.entity_type = 'fileset'"
                + " AND m.entity_id = s.name || ':' || s.version",
            "DELETE FROM file_sets WHERE id = ANY(:ids)")) {
      handle.createUpdate(sql).bindArray("ids", Long.class, sets).execute();
    }
    return sets.size();
  }

  private static long count(Handle handle, String sql, long entry) {
    return handle.createQuery(sql).bind("deletion", entry).mapTo(Long.class).one();
  }
}
