package org.acai.bench.transfer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds used so far by this JVM (the benchmark, with the server inside it) and by the child
 * processes it has waited for (the command lines), from {@code /proc/self/stat} on Linux.
 *
 * @param own this process's user and system CPU
 * @param children user and system CPU of ended, waited-for children
 */
public record CpuTimes(double own, double children) {
  private static final double TICKS_PER_SECOND = 100.0;

  /** The CPU used so far; children read as 0 where {@code /proc} is absent. */
  public static CpuTimes now() {
    double own =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime()
            / 1e9;
    double children = 0;
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // cutime and cstime are fields 16 and 17 of the whole line, 14 and 15 of this rest.
      children = (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      // Not Linux: only this process's CPU is known.
    }
    return new CpuTimes(own, children);
  }

  /**
   * These times with the CPU of process {@code pid} so far (the resident client, which is not a
   * waited-for child) added to the children's; unchanged if {@code pid} is negative or gone.
   */
  public CpuTimes withDaemon(long pid) {
    if (pid < 0) {
      return this;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime and stime are fields 14 and 15 of the whole line, 12 and 13 of this rest.
      double daemon = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
      return new CpuTimes(own, children + daemon);
    } catch (IOException | RuntimeException e) {
      return this;
    }
  }

  /** The CPU used between {@code before} and this. */
  public CpuTimes since(CpuTimes before) {
    return new CpuTimes(own - before.own, children - before.children);
  }
}
