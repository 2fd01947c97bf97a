package org.acai.server.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.home.FileModes;
import org.acai.server.lifecycle.LifecycleConfig;
import org.acai.server.threads.Daemons;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server as one replica of those sharing a database: its id (kept in its data dir, so that a
 * restarted server knows its own jobs) and its lease, a row whose heartbeat it refreshes every
 * third of the lease. A replica whose heartbeat is older than the lease is gone. Thread-safe.
 */
public final class Replica implements AutoCloseable {
  /** Environment variable: how long a replica may be silent before others take over its jobs. */
  public static final String LEASE_ENV = "ACAI_REPLICA_LEASE";

  private static final Logger LOG = LoggerFactory.getLogger(Replica.class);
  private static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
  private static final String ID_FILE = "replica-id";

  private final Jdbi jdbi;
  private final String id;
  private final Duration lease;
  // The heartbeat has a thread of its own: a slow task (a take-over listing a cluster) must not
  // delay it past the lease, or the other replicas would take this one's jobs.
  private final ScheduledExecutorService heartbeat = daemonTimer("acai-replica-heartbeat");
  private final ScheduledExecutorService timer = daemonTimer("acai-replica-tasks");

  private Replica(Jdbi jdbi, String id, Duration lease) {
    this.jdbi = jdbi;
    this.id = id;
    this.lease = lease;
  }

  private static ScheduledExecutorService daemonTimer(String name) {
    return Executors.newSingleThreadScheduledExecutor(Daemons.named(name));
  }

  /**
   * Joins the replicas of {@code jdbi}'s database and starts the heartbeat.
   *
   * @throws InvalidRequestException if {@value #LEASE_ENV} is not a duration of at least 1 s
   */
  public static Replica join(Jdbi jdbi, Path home, Map<String, String> env) {
    String setting = env.get(LEASE_ENV);
    Duration lease =
        setting == null || setting.isBlank()
            ? DEFAULT_LEASE
            : LifecycleConfig.parse(LEASE_ENV, setting.trim());
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new InvalidRequestException("Invalid %s: %s (at least 1s)", LEASE_ENV, setting);
    }
    Replica replica = new Replica(jdbi, idOf(home), lease);
    replica.beat();
    long period = Math.max(100, lease.toMillis() / 3);
    var unused =
        replica.heartbeat.scheduleWithFixedDelay(
            replica::beatQuietly, period, period, TimeUnit.MILLISECONDS);
    LOG.info("Replica {} (lease {})", replica.id, lease);
    return replica;
  }

  /** This replica's id, stable across restarts of the same data dir. */
  public String id() {
    return id;
  }

  /** How long a replica may be silent before it counts as gone. */
  public Duration lease() {
    return lease;
  }

  /** Runs {@code task} every {@code period} on the replica's task thread (a failure is logged). */
  public void every(Duration period, Runnable task) {
    var unused =
        timer.scheduleWithFixedDelay(
            () -> {
              try {
                task.run();
              } catch (RuntimeException e) {
                LOG.warn("Replica task failed: {}", e.toString());
              }
            },
            period.toMillis(),
            period.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /**
   * The SQL condition (on a column holding a replica id) that the replica is gone: no row, or a
   * heartbeat older than the lease; binds {@code :lease_ms}.
   */
  public static String goneCondition(String column) {
    return "NOT EXISTS (SELECT 1 FROM replicas r WHERE r.id = "
        + column
        + " AND r.heartbeat_at > now() - make_interval(secs => :lease_ms / 1000.0))";
  }

  /** Stops the heartbeat and leaves: the others know at once that this replica is gone. */
  @Override
  public void close() {
    timer.shutdownNow();
    heartbeat.shutdownNow();
    try {
      jdbi.useHandle(
          handle ->
              handle.createUpdate("DELETE FROM replicas WHERE id = :id").bind("id", id).execute());
    } catch (RuntimeException e) {
      LOG.warn("Cannot remove replica {} from the database: {}", id, e.toString());
    }
  }

  private void beat() {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "INSERT INTO replicas (id) VALUES (:id) ON CONFLICT (id)"
                        + " DO UPDATE SET heartbeat_at = now()")
                .bind("id", id)
                .execute());
  }

  private void beatQuietly() {
    try {
      beat();
    } catch (RuntimeException e) {
      LOG.warn("Replica {} heartbeat failed: {}", id, e.toString());
    }
  }

  private static String idOf(Path home) {
    Path file = home.resolve(ID_FILE);
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      byte[] random = new byte[6];
      new SecureRandom().nextBytes(random);
      String id = "replica-" + HexFormat.of().formatHex(random);
      Files.write(
          Files.createFile(file, FileModes.privateFile()), id.getBytes(StandardCharsets.UTF_8));
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write " + file, e);
    }
  }
}
