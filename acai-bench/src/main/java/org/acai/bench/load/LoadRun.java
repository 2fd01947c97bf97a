package org.acai.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.acai.api.error.TooManyRequestsException;
import org.acai.bench.job.ServerQueries;
import org.acai.bench.job.Stats;
import org.acai.bench.job.Table;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.Condition;
import org.acai.sdk.JobSpec;
import org.acai.server.AcaiServer;

/** The two phases of the load benchmark, the server sampled through both, and the table rows. */
public final class LoadRun {
  private static final AtomicLong HAMMER_CALLS = new AtomicLong();
  private static final AtomicLong HAMMER_REFUSED = new AtomicLong();

  private LoadRun() {}

  /**
   * Runs the quiet phase with all users but the last, then the noisy phase with the last one
   * hammering slow paths, and adds their rows to {@code table}.
   */
  public static void run(
      AcaiServer server, List<AcaiClient> users, Path scratch, Duration length, Table table)
      throws Exception {
    List<AcaiClient> clients = users.subList(0, users.size() - 1);
    AcaiClient hammer = users.get(users.size() - 1);
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
      long slowJob = prepareHammer(hammer, scratch);
      Phase noisy =
          Phase.run(clients, scratch.resolve("noisy"), length, () -> hammer(hammer, slowJob));
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
    table.count("hammer requests", HAMMER_CALLS.get(), "");
    table.count("  of which refused 429 (ACAI_USER_CONCURRENCY)", HAMMER_REFUSED.get(), "");
    noisy.firstErrors().forEach(error -> System.err.println("noisy error: " + error));
  }

  /**
   * One user running the expensive paths back to back from 12 threads, more than it may run at once
   * (the rest are answered 429 at once).
   */
  /** Files with metadata for the hammer's regex queries, and a running job for its polls. */
  private static long prepareHammer(AcaiClient user, Path scratch) throws IOException {
    Path file = Files.createDirectories(scratch.resolve("hammer")).resolve("f");
    Files.writeString(file, "hammer");
    for (int i = 0; i < 100; i++) {
      user.files().upload(Map.of(file.toString(), "/hammer/f" + i));
      user.meta().updateFileMeta("/hammer/f" + i, List.of(), Map.of("name", "n" + i));
    }
    return user.jobs()
        .submit(JobSpec.builder().name("slow").command("sleep 600").outputPath("o").build())
        .id();
  }

  private static void hammer(AcaiClient user, long job) {
    List<Thread> threads = new CopyOnWriteArrayList<>();
    for (int t = 0; t < 12; t++) {
      Random random = new Random(t);
      Thread thread =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  try {
                    HAMMER_CALLS.incrementAndGet();
                    user.meta().findFile(Condition.of("name").value("(n|m)+[0-9]*(1|7)+$").re());
                    if (random.nextBoolean()) {
                      HAMMER_CALLS.incrementAndGet();
                      user.jobs().logFrom(job, 1_000_000);
                    }
                  } catch (TooManyRequestsException e) {
                    // What the limit answers a hammering user: it goes on hammering.
                    HAMMER_REFUSED.incrementAndGet();
                  } catch (RuntimeException e) {
                    return; // interrupted at the end of the phase
                  }
                }
              },
              "load-hammer-" + t);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      threads.forEach(Thread::interrupt);
      user.jobs().kill(job);
    }
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
