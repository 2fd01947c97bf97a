package org.acai.bench.transfer;

import java.io.PrintStream;
import java.util.List;

/** Prints measurements side by side with their {@code cp -r} baseline. */
public final class Table {
  private static final String ROW = "%-16s %-20s %7s %9s %12s %9s %10s %11s %11s%n";

  private Table() {}

  /**
   * Prints one block per workload; the first measurement of each is the baseline. Seconds are the
   * median of the runs.
   */
  public static void print(PrintStream out, List<List<Measurement>> blocks) {
    out.printf(
        ROW,
        "workload",
        "operation",
        "files",
        "seconds",
        "(min-max)",
        "MB/s",
        "files/s",
        "time vs cp",
        "MB/s % cp");
    for (List<Measurement> block : blocks) {
      Measurement baseline = block.get(0);
      for (int i = 0; i < block.size(); i++) {
        Measurement m = block.get(i);
        out.printf(
            ROW,
            i == 0 ? m.workload() : "",
            m.operation(),
            m.files(),
            String.format("%.2f", m.seconds()),
            m.spread(),
            String.format("%.1f", m.megabytesPerSecond()),
            String.format("%.0f", m.filesPerSecond()),
            String.format("%.2fx", m.seconds() / baseline.seconds()),
            String.format("%.0f%%", 100 * m.megabytesPerSecond() / baseline.megabytesPerSecond()));
      }
    }
  }
}
