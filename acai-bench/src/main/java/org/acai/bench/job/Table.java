package org.acai.bench.job;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A two-column benchmark table with an optional target per row, printed as Markdown. */
public final class Table {
  private final String title;
  private final List<String[]> rows = new ArrayList<>();

  /** An empty table. */
  public Table(String title) {
    this.title = title;
  }

  /** A heading row. */
  public void section(String heading) {
    rows.add(new String[] {"**" + heading + "**", "", ""});
  }

  /** A row in milliseconds. */
  public void row(String label, double millis, String target) {
    rows.add(new String[] {label, String.format(Locale.ROOT, "%.1f ms", millis), target});
  }

  /** A row holding a count. */
  public void count(String label, long value, String target) {
    rows.add(new String[] {label, Long.toString(value), target});
  }

  /** A row holding a ratio. */
  public void ratio(String label, double value, String target) {
    rows.add(new String[] {label, String.format(Locale.ROOT, "%.2fx", value), target});
  }

  /** A row holding a share, as a percentage. */
  public void percent(String label, double share, String target) {
    rows.add(new String[] {label, String.format(Locale.ROOT, "%.1f %%", 100 * share), target});
  }

  /** Prints the table. */
  public void print(PrintStream out) {
    out.println();
    out.println(title);
    out.println();
    out.printf("| %-36s | %12s | %-10s |%n", "measure", "value", "target");
    out.printf("|%s|%s|%s|%n", "-".repeat(38), "-".repeat(14), "-".repeat(12));
    for (String[] row : rows) {
      out.printf("| %-36s | %12s | %-10s |%n", row[0], row[1], row[2]);
    }
    out.flush();
  }
}
