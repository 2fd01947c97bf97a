package org.acai.bench.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time read from {@code /proc}. {@link #busyMillis()} is the whole machine's non-idle time: it
 * counts what a per-process sum misses (the embedded PostgreSQL runs as a daemon outside this JVM's
 * process tree, and the kernel tears down namespaces and cgroups in its own threads), so read it
 * before and after a run on an otherwise quiet machine. Linux only; -1 elsewhere.
 */
public final class CpuMeter {
  private static final double MILLIS_PER_TICK = 10.0; // USER_HZ is 100 on every Linux ABI
  // Of the "cpu" line of /proc/stat: user nice system idle iowait irq softirq steal.
  private static final List<Integer> BUSY_COLUMNS = List.of(1, 2, 3, 6, 7, 8);
  // Of /proc/PID/task/TID/stat after the command name: utime and stime are fields 14 and 15.
  private static final int UTIME_INDEX = 11;

  private CpuMeter() {}

  /** CPU milliseconds the machine has spent busy (all cores, all processes, the kernel). */
  public static double busyMillis() {
    String[] columns = read(Path.of("/proc/stat")).lines().findFirst().orElse("").split(" +");
    if (columns.length <= BUSY_COLUMNS.get(BUSY_COLUMNS.size() - 1)) {
      return -1;
    }
    long ticks = 0;
    for (int column : BUSY_COLUMNS) {
      ticks += Long.parseLong(columns[column]);
    }
    return ticks * MILLIS_PER_TICK;
  }

  /** CPU milliseconds this JVM's JIT compiler threads have used so far, or -1 without /proc. */
  public static double jitMillis() {
    try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
      return threads
              .filter(task -> read(task.resolve("comm")).contains("CompilerThre"))
              .mapToLong(task -> threadTicks(task.resolve("stat")))
              .sum()
          * MILLIS_PER_TICK;
    } catch (IOException e) {
      return -1;
    }
  }

  private static long threadTicks(Path statFile) {
    String stat = read(statFile);
    // The command name may hold spaces: fields are counted from after its closing parenthesis.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    try {
      return Long.parseLong(fields[UTIME_INDEX]) + Long.parseLong(fields[UTIME_INDEX + 1]);
    } catch (RuntimeException e) {
      return 0; // the thread ended while we looked
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }
}
