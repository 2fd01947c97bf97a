package org.acai.bench.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU seconds of processes, from {@code /proc/PID/stat} on Linux. */
final class ProcStat {
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcStat() {}

  /**
   * The user and system CPU that process {@code pid} has used so far, with that of the ended
   * children it has waited for if {@code withChildren}; 0 if it is gone or {@code /proc} is absent.
   */
  static double cpuSeconds(String pid, boolean withChildren) {
    return cpuSeconds(Path.of("/proc", pid, "stat"), withChildren);
  }

  /** {@link #cpuSeconds(String, boolean)} of the process whose stat file is {@code stat}. */
  static double cpuSeconds(Path stat, boolean withChildren) {
    String[] fields = fields(stat);
    if (fields == null) {
      return 0;
    }
    // After the name: state is field 3 of the whole line; utime..cstime are 14..17.
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    if (withChildren) {
      ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** The CPU of the ended children this process has waited for (the command lines it ran). */
  static double waitedForChildren() {
    String[] fields = fields(Path.of("/proc/self/stat"));
    if (fields == null) {
      return 0;
    }
    // cutime and cstime are fields 16 and 17 of the whole line.
    return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND;
  }

  /** The fields after a process's name (state first, parent pid second), or null if it ended. */
  static String[] fields(Path stat) {
    try {
      String line = Files.readString(stat);
      return line.substring(line.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
