package org.acai.server.job;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.acai.server.cluster.Replica;
import org.jdbi.v3.core.Handle;

/**
 * Which replica runs which job: taking over the live jobs of replicas that are gone, and the kill
 * requests a replica must carry out for its own jobs (a kill may arrive through any replica).
 */
final class JobLeases {
  private static final String LIVE =
      "(status IN ('LAUNCHING', 'DOWNLOADING', 'RUNNING', 'UPLOADING')"
          + " OR (status = 'QUEUEING' AND launched_at IS NOT NULL))";
  private static final String ENDED = "('FINISHED', 'FAILED', 'KILLED', 'CONTAINER_CRASHED')";

  private final Handle handle;

  JobLeases(Handle handle) {
    this.handle = handle;
  }

  /**
   * A live job now owned by this replica.
   *
   * @param job the job
   * @param previous the replica that owned it (null for a job of a server before replicas)
   */
  record Taken(Job job, String previous) {}

  /**
   * Makes {@code me} the owner of the live jobs whose replica is gone (its heartbeat older than
   * {@code lease}, or no owner at all) and, with {@code mine}, of those it owned itself before a
   * restart. Jobs another replica is taking over right now are skipped. One statement.
   */
  List<Taken> takeOver(String me, Duration lease, boolean mine) {
    return handle
        .createQuery(
            "WITH p AS (SELECT id AS pid, owner AS previous FROM jobs WHERE "
                + LIVE
                + " AND (owner IS NULL OR (owner = :me AND :mine) OR (owner <> :me AND "
                + Replica.goneCondition("jobs.owner")
                + ")) FOR UPDATE SKIP LOCKED),"
                + " j AS (UPDATE jobs SET owner = :me FROM p WHERE jobs.id = p.pid RETURNING "
                + JobStore.COLUMNS
                + ", p.previous)"
                + " SELECT * FROM j ORDER BY id")
        .bind("me", me)
        .bind("mine", mine)
        .bind("lease_ms", lease.toMillis())
        .map((rs, ctx) -> new Taken(JobStore.map(rs), rs.getString("previous")))
        .list();
  }

  /** The live jobs of {@code me} somebody asked to kill. */
  List<Long> killRequests(String me) {
    return handle
        .createQuery(
            "SELECT id FROM jobs WHERE owner = :me AND kill_requested AND status NOT IN "
                + ENDED
                + " ORDER BY id")
        .bind("me", me)
        .mapTo(Long.class)
        .list();
  }

  /** The replica that runs the job, if one does. */
  Optional<String> ownerOf(long id) {
    return handle
        .createQuery("SELECT owner FROM jobs WHERE id = :id")
        .bind("id", id)
        .mapTo(String.class)
        .findOne();
  }

  /** Whether the job exists and has not ended. */
  boolean isLive(long id) {
    return handle
        .createQuery("SELECT count(*) > 0 FROM jobs WHERE id = :id AND status NOT IN " + ENDED)
        .bind("id", id)
        .mapTo(Boolean.class)
        .one();
  }
}
