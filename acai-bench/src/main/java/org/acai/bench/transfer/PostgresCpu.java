package org.acai.bench.transfer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU seconds used so far by an embedded PostgreSQL: its postmaster (with the ended backends it has
 * waited for) and its live backends, from {@code /proc} on Linux; 0 where that is absent.
 */
public final class PostgresCpu {
  private static final double TICKS_PER_SECOND = 100.0;

  private final Path pidFile;

  /** The cluster whose data directory is {@code data} (its {@code postmaster.pid}). */
  public PostgresCpu(Path data) {
    this.pidFile = data.resolve("postmaster.pid");
  }

  /** The CPU used so far. */
  public double seconds() {
    try {
      List<String> lines = Files.readAllLines(pidFile);
      String postmaster = lines.get(0).strip();
      double ticks = ticks(Path.of("/proc", postmaster, "stat"), true);
      try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
        for (Path process : processes) {
          String[] fields = fields(process.resolve("stat"));
          if (fields != null && fields[1].equals(postmaster)) {
            ticks += ticks(process.resolve("stat"), false);
          }
        }
      }
      return ticks / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** User and system ticks of a process, with its waited-for children's when asked. */
  private static double ticks(Path stat, boolean withChildren) {
    String[] fields = fields(stat);
    if (fields == null) {
      return 0;
    }
    // After the name: state is field 3 of the whole line; utime..cstime are 14..17.
    double own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return withChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
  }

  /** The fields after a process's name (state first, parent pid second), or null if it ended. */
  private static String[] fields(Path stat) {
    try {
      String line = Files.readString(stat);
      return line.substring(line.lastIndexOf(')') + 2).split(" ");
    } catch (IOException e) {
      return null;
    }
  }
}
