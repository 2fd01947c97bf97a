package org.acai.bench;

import java.io.IOException;
import java.sql.SQLException;
import org.acai.bench.meta.MetaQueries;

/**
 * Metadata query latency (value, regex, range, max) at 10k, 100k and 1M file-version documents,
 * through the server's query engine next to the same queries as hand-written SQL, on embedded
 * PostgreSQL.
 *
 * <p>Usage: {@code ./bench MetaQueryBench [--sizes=10000,100000,1000000] [--runs=50]
 * [--warmup=10]}.
 */
public final class MetaQueryBench {
  private MetaQueryBench() {}

  /** Runs the benchmark and prints its table. */
  public static void main(String[] args) throws IOException, SQLException {
    MetaQueries.run(args);
  }
}
