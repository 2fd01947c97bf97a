package org.acai.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.acai.bench.job.ServerQueries;
import org.acai.bench.job.Stats;
import org.acai.bench.job.Table;
import org.acai.sdk.AcaiClient;
import org.acai.server.AcaiServer;

/** The two phases of the load benchmark, the server sampled through both, and the table rows. */
public final class LoadRun {

  private LoadRun() {}

  /**
   * Runs the quiet phase with all users but the last, then the noisy phase with the last one
   * hammering slow paths, and adds their rows to {@code table}.
   */
  public static void run(
      AcaiServer server, List<String> tokens, Path scratch, Duration length, Table table)
      throws Exception {
    List<AcaiClient> clients =
        tokens.subList(0, tokens.size() - 1).stream()
            .map(token -> AcaiClient.connect(server.url(), token))
            .toList();
    Hammer hammer = new Hammer(server.url(), tokens.get(tokens.size() - 1));
    List<Long> rss = new CopyOnWriteArrayList<>();
    List<Long> connections = new CopyOnWriteArrayList<>();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    var unused =
        sampler.scheduleAtFixedRate(
            () -> {
              rss.add(residentKib());
              connections.add(connections(server));
            },
            0,
            1,
            TimeUnit.SECONDS);
    try {
      Phase.run(clients, scratch.resolve("warm"), Duration.ofSeconds(10), null);
      Phase quiet = Phase.run(clients, scratch.resolve("quiet"), length, null);
      hammer.prepare(scratch);
      Phase noisy = Phase.run(clients, scratch.resolve("noisy"), length, hammer::run);
      rows(table, quiet, noisy, length);
    } finally {
      sampler.shutdownNow();
    }
    table.section("server");
    table.count("RSS min (MiB)", rss.stream().mapToLong(v -> v).min().orElse(0) / 1024, "");
    table.count("RSS max (MiB)", rss.stream().mapToLong(v -> v).max().orElse(0) / 1024, "stable");
    table.count("DB connections min", connections.stream().mapToLong(v -> v).min().orElse(0), "");
    table.count(
        "DB connections max", connections.stream().mapToLong(v -> v).max().orElse(0), "<= pool");
  }

  private static void rows(Table table, Phase quiet, Phase noisy, Duration length) {
    table.section("quiet: p50 / p99 per operation");
    for (Ops.Kind kind : Ops.Kind.values()) {
      List<Double> samples = quiet.latencies(kind);
      table.count("  " + kind + " count", samples.size(), "");
      table.row("  " + kind + " p50", Stats.percentile(samples, 0.5), "");
      table.row("  " + kind + " p99", Stats.percentile(samples, 0.99), "");
    }
    table.count("operations per second", quiet.operations() / length.toSeconds(), "");
    table.count("errors", quiet.errors(), "0");
    quiet.firstErrors().forEach(error -> System.err.println("quiet error: " + error));
    table.section("with one user hammering regex queries and log long-polls");
    for (Ops.Kind kind : Ops.Kind.values()) {
      double before = Stats.percentile(quiet.latencies(kind), 0.99);
      double after = Stats.percentile(noisy.latencies(kind), 0.99);
      table.row("  " + kind + " p99", after, "");
      table.ratio("    / quiet p99", after / before, "<= 2x");
    }
    table.count("errors", noisy.errors(), "0");
    table.count("hammer requests", Hammer.CALLS.get(), "");
    table.count("  of which refused 429 (ACAI_USER_CONCURRENCY)", Hammer.REFUSED.get(), "");
    noisy.firstErrors().forEach(error -> System.err.println("noisy error: " + error));
  }

  private static long residentKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      // not on Linux: no figure
    }
    return 0;
  }

  private static long connections(AcaiServer server) {
    return ServerQueries.number(
        server, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()");
  }
}
