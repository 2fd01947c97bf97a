package org.acai.server.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server killed with SIGKILL leaves its PostgreSQL running (pg_ctl daemonizes it). Stopping that
 * one lets this start own the data directory; PostgreSQL's WAL makes the data consistent.
 */
final class StalePostmaster {
  private static final Logger LOG = LoggerFactory.getLogger(StalePostmaster.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(20);

  private StalePostmaster() {}

  static void stop(Path dataDir) throws IOException {
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
      postmaster.get().onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while stopping a stale PostgreSQL", e);
    } catch (ExecutionException | TimeoutException e) {
      postmaster.get().destroyForcibly();
    }
  }
}
