package org.acai.bench.meta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.acai.bench.transfer.Shell;
import org.acai.server.db.Database;
import org.acai.server.db.DbConfig;
import org.acai.server.meta.MetaQuery;

/**
 * Latency of metadata queries through {@link MetaQuery} next to the same queries as hand-written
 * SQL, at growing data sizes, on embedded PostgreSQL. Data is loaded cumulatively into one project
 * (10k, then 90k more, ...), then vacuumed and analysed, as autovacuum would leave it.
 */
public final class MetaQueries {
  private static final int JSONB_ONLY_RUNS = 10;
  private static final int PAGE = 1000;

  private final Database database;
  private final long project;
  private final QueryTimer timer;
  private final int runs;
  private final int warmup;
  private final List<String> rows = new ArrayList<>();

  private MetaQueries(Database database, long project, int runs, int warmup) {
    this.database = database;
    this.project = project;
    this.timer = new QueryTimer(new MetaQuery(database.jdbi()), database.dataSource(), project);
    this.runs = runs;
    this.warmup = warmup;
  }

  /** Runs the benchmark and prints its table. */
  public static void run(String[] args) throws IOException, SQLException {
    long[] sizes = {10_000, 100_000, 1_000_000};
    int runs = 50;
    int warmup = 10;
    for (String arg : args) {
      if (arg.startsWith("--sizes=")) {
        sizes = Arrays.stream(arg.substring(8).split(",")).mapToLong(Long::parseLong).toArray();
      } else if (arg.startsWith("--runs=")) {
        runs = Integer.parseInt(arg.substring(7));
      } else if (arg.startsWith("--warmup=")) {
        warmup = Integer.parseInt(arg.substring(9));
      } else {
        throw new IllegalArgumentException("Unknown argument: " + arg);
      }
    }
    Path dir = Files.createTempDirectory("acai-meta-bench");
    try (Database database = Database.open(DbConfig.embedded(dir.resolve("pg")))) {
      long project =
          database
              .jdbi()
              .withHandle(
                  handle ->
                      handle
                          .createQuery("INSERT INTO projects (name) VALUES ('bench') RETURNING id")
                          .mapTo(Long.class)
                          .one());
      new MetaQueries(database, project, runs, warmup).measureAll(sizes);
    } finally {
      Shell.delete(dir);
    }
  }

  private void measureAll(long[] sizes) throws SQLException {
    DocLoader loader = new DocLoader(database.dataSource(), project);
    long loaded = 0;
    for (long size : sizes) {
      long start = System.nanoTime();
      loader.load(loaded, size);
      database.jdbi().useHandle(handle -> handle.execute("VACUUM ANALYZE meta_docs, meta_numbers"));
      System.out.printf(
          Locale.ROOT,
          "loaded %,d documents (total %,d) in %.1f s incl. vacuum; tables %s%n",
          size - loaded,
          size,
          (System.nanoTime() - start) / 1e9,
          tableSizes());
      loaded = size;
      for (BenchCase benchCase : Cases.of(project, size)) {
        measure(benchCase, size);
      }
    }
    printTable();
  }

  private void measure(BenchCase benchCase, long size) throws SQLException {
    Latencies store = new Latencies();
    Latencies raw = new Latencies();
    Latencies jsonbOnly = new Latencies();
    long hits = 0;
    for (int k = 0; k < warmup + runs; k++) {
      long[] viaStore = timer.store(benchCase, k);
      long[] viaSql = timer.raw(benchCase.raw(), k);
      // The store returns a page of at most QueryOptions' default limit; SQL reads one row more.
      if (viaStore[1] != Math.min(viaSql[1], PAGE)) {
        throw new IllegalStateException(
            benchCase.name() + ": store found " + viaStore[1] + ", SQL found " + viaSql[1]);
      }
      boolean measured = k >= warmup;
      if (measured) {
        store.add(viaStore[0]);
        raw.add(viaSql[0]);
        hits = viaStore[1];
      }
      if (benchCase.jsonbOnly() != null && (k < 1 || (measured && k < warmup + JSONB_ONLY_RUNS))) {
        long[] viaJsonb = timer.raw(benchCase.jsonbOnly(), k);
        if (measured) {
          jsonbOnly.add(viaJsonb[0]);
        }
      }
    }
    rows.add(
        String.format(
            Locale.ROOT,
            "| %-38s | %,9d | %5d | %8.2f | %8.2f | %8.2f | %8.2f | %5.2f | %s |",
            benchCase.name(),
            size,
            hits,
            store.percentileMillis(50),
            store.percentileMillis(99),
            raw.percentileMillis(50),
            raw.percentileMillis(99),
            store.percentileMillis(50) / raw.percentileMillis(50),
            jsonbOnly.isEmpty()
                ? "        -"
                : String.format(Locale.ROOT, "%9.2f", jsonbOnly.percentileMillis(50))));
    System.out.println(rows.get(rows.size() - 1));
  }

  private String tableSizes() {
    return database
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT 'meta_docs ' || pg_size_pretty(pg_total_relation_size('meta_docs'))"
                            + " || ', meta_numbers '"
                            + " || pg_size_pretty(pg_total_relation_size('meta_numbers'))")
                    .mapTo(String.class)
                    .one());
  }

  private void printTable() {
    System.out.printf(
        Locale.ROOT,
        "%nMetaQuery.find vs hand-written SQL, %d runs after %d warm-up (ms; JSONB-only: p50 of"
            + " %d runs)%n",
        runs,
        warmup,
        Math.min(runs, JSONB_ONLY_RUNS));
    System.out.println(
        "| condition                              |      docs |  hits | store p50 | store p99"
            + " | SQL p50 | SQL p99 | ratio | JSONB-only SQL p50 |");
    System.out.println(
        "|----------------------------------------|----------:|------:|---------:|---------:"
            + "|--------:|--------:|------:|----------:|");
    rows.forEach(System.out::println);
  }
}
