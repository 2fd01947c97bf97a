package org.acai.server.cluster;

import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A background task that runs on one replica at a time among those sharing a database: garbage
 * collection, the upload janitor. Each run holds a PostgreSQL session-level advisory lock on a
 * connection of its own, so a replica that dies mid-run frees it with its connection. The lock
 * saves duplicated work and contention; the correctness of a sweep against commits rests on {@link
 * org.acai.server.blob.BlobGuard}, not on it. Thread-safe.
 */
public final class ClusterTask {
  /** The tasks, each with the second key of its lock. */
  public enum Kind {
    GARBAGE_COLLECTION(1),
    UPLOAD_JANITOR(2);

    private final int key;

    Kind(int key) {
      this.key = key;
    }
  }

  /** First key of the two-key advisory lock space, which does not overlap the one-key space. */
  private static final int NAMESPACE = 0x4143_4149;

  private final Jdbi jdbi;
  private final Kind kind;

  /** The task {@code kind} among the replicas of {@code jdbi}'s database. */
  public ClusterTask(Jdbi jdbi, Kind kind) {
    this.jdbi = jdbi;
    this.kind = kind;
  }

  /** Runs {@code body} unless another run holds the task (here or on another replica). */
  public <T> Optional<T> runIfFree(Supplier<T> body) {
    return jdbi.withHandle(
        handle -> {
          if (!lock(handle, "pg_try_advisory_lock")) {
            return Optional.empty();
          }
          return Optional.of(runLocked(handle, body));
        });
  }

  /** Runs {@code body}, first waiting for a run that holds the task to end. */
  public <T> T run(Supplier<T> body) {
    return jdbi.withHandle(
        handle -> {
          lock(handle, "pg_advisory_lock");
          return runLocked(handle, body);
        });
  }

  private <T> T runLocked(Handle handle, Supplier<T> body) {
    try {
      return body.get();
    } finally {
      lock(handle, "pg_advisory_unlock");
    }
  }

  private boolean lock(Handle handle, String function) {
    // pg_advisory_lock returns void, which maps to an empty string; the others return booleans.
    String answer =
        handle
            .createQuery("SELECT " + function + "(:namespace, :task)::text")
            .bind("namespace", NAMESPACE)
            .bind("task", kind.key)
            .mapTo(String.class)
            .one();
    return !"false".equals(answer);
  }
}
