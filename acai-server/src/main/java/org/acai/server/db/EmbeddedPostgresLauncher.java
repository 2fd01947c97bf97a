package org.acai.server.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the embedded PostgreSQL in a persistent data directory. */
final class EmbeddedPostgresLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresLauncher.class);
  private static final Duration STALE_STOP_WAIT = Duration.ofSeconds(20);

  private EmbeddedPostgresLauncher() {}

  static EmbeddedPostgres start(Path dataDir) throws IOException {
    Files.createDirectories(dataDir.getParent());
    stopStalePostmaster(dataDir);
    return EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("max_connections", "200")
        .setServerConfig("listen_addresses", "127.0.0.1")
        // The library defaults suit throwaway test databases (fsync and synchronous_commit off);
        // this one holds users' data, so a commit must survive an OS crash or power loss.
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
        .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /**
   * A server killed with SIGKILL leaves its PostgreSQL running (pg_ctl daemonizes it). Stop that
   * one so this start can own the data directory; PostgreSQL's WAL makes the data consistent.
   */
  private static void stopStalePostmaster(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    Optional<ProcessHandle> postmaster =
        lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
    if (postmaster.isEmpty() || !postmaster.get().isAlive()) {
      return;
    }
    LOG.warn(
        "Stopping PostgreSQL left running by an earlier server (pid {})", postmaster.get().pid());
    postmaster.get().destroy();
    try {
      postmaster
          .get()
          .onExit()
          .get(STALE_STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while stopping a stale PostgreSQL", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      postmaster.get().destroyForcibly();
    }
  }
}
