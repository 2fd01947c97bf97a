package org.acai.server.lifecycle;

import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Ends the retention period: removes for good what was deleted longer ago than the retention and
 * that nothing pins (a file version in a file set, or a job's code, stays), and makes the blobs
 * that lost their last row GC candidates. Trash entries are worked through one per transaction,
 * each locked so that a restore and a purge of it cannot interleave. Thread-safe.
 */
final class Purger {
  private static final int ENTRIES_PER_BATCH = 50;

  private static final String PURGEABLE_FILES =
      " FROM file_versions v WHERE v.deletion_id = :deletion"
          + " AND NOT EXISTS (SELECT 1 FROM file_set_members m WHERE m.file_version_id = v.id)"
          + " AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.project_id = v.project_id"
          + " AND j.code = v.path || ':' || v.version)";

  private final Jdbi jdbi;
  private final Duration retention;

  Purger(Jdbi jdbi, Duration retention) {
    this.jdbi = jdbi;
    this.retention = retention;
  }

  /** Purges every expired trash entry; returns how many entities went. */
  long purge() {
    long purged = 0;
    while (true) {
      List<Long> entries = jdbi.withHandle(this::expired);
      if (entries.isEmpty()) {
        return purged;
      }
      long batch = 0;
      for (long entry : entries) {
        batch += jdbi.inTransaction(handle -> purgeEntry(handle, entry));
      }
      purged += batch;
      // Another server may hold the rest; it purges them.
      if (entries.size() < ENTRIES_PER_BATCH || batch == 0) {
        return purged;
      }
    }
  }

  /** How many entities a purge would remove now. */
  long countPurgeable() {
    return jdbi.withHandle(
        handle ->
            expired(handle).stream()
                .mapToLong(
                    entry ->
                        handle
                            .createQuery("SELECT count(*)" + PURGEABLE_FILES)
                            .bind("deletion", entry)
                            .mapTo(Long.class)
                            .one())
                .sum());
  }

  /** Expired entries that still hide something purgeable, oldest first. */
  private List<Long> expired(Handle handle) {
    return handle
        .createQuery(
            "SELECT d.id FROM deletions d WHERE d.deleted_at <= now() - CAST(:retention AS interval)"
                + " AND (d.items > 0 AND EXISTS (SELECT 1"
                + PURGEABLE_FILES.replace(":deletion", "d.id")
                + ") OR NOT EXISTS (SELECT 1 FROM file_versions f WHERE f.deletion_id = d.id))"
                + " ORDER BY d.id LIMIT :limit")
        .bind("retention", retention.toMillis() + " milliseconds")
        .bind("limit", ENTRIES_PER_BATCH)
        .mapTo(Long.class)
        .list();
  }

  private long purgeEntry(Handle handle, long entry) {
    boolean locked =
        handle
            .createQuery("SELECT id FROM deletions WHERE id = :id FOR UPDATE SKIP LOCKED")
            .bind("id", entry)
            .mapTo(Long.class)
            .findOne()
            .isPresent();
    if (!locked) {
      return 0;
    }
    long purged =
        handle
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
    int left =
        handle
            .createQuery("SELECT count(*) FROM file_versions WHERE deletion_id = :id")
            .bind("id", entry)
            .mapTo(Integer.class)
            .one();
    if (left == 0) {
      new Trash(handle).remove(entry);
    }
    return purged;
  }
}
