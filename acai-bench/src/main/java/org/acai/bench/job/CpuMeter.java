package org.acai.bench.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM and every process below it (the embedded PostgreSQL and its backends,
 * and job processes once reaped), read from {@code /proc}: user + system time of each, plus that of
 * their children already waited for. Read it before and after a run, with no job running at either
 * point. Linux only; {@link #millis()} is -1 elsewhere.
 */
public final class CpuMeter {
  // Fields 14-17 of /proc/PID/stat: utime, stime, cutime, cstime (in clock ticks).
  private static final int FIRST_TIME_FIELD = 14;
  private static final int TIME_FIELDS = 4;
  private static final double MILLIS_PER_TICK = 10.0; // USER_HZ is 100 on every Linux ABI

  private CpuMeter() {}

  /** Total CPU milliseconds so far, or -1 without {@code /proc}. */
  public static double millis() {
    long self = ProcessHandle.current().pid();
    long ticks = ticks(self);
    if (ticks < 0) {
      return -1;
    }
    try (Stream<ProcessHandle> below = ProcessHandle.current().descendants()) {
      ticks += below.mapToLong(handle -> Math.max(0, ticks(handle.pid()))).sum();
    }
    return ticks * MILLIS_PER_TICK;
  }

  /** CPU milliseconds this JVM's JIT compiler threads have used so far, or -1 without /proc. */
  public static double jitMillis() {
    try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
      return threads
              .filter(task -> read(task.resolve("comm")).contains("CompilerThre"))
              // A thread's own time only: cutime and cstime of a task are its whole process's.
              .mapToLong(task -> Math.max(0, ticks(task.resolve("stat"), 2)))
              .sum()
          * MILLIS_PER_TICK;
    } catch (IOException e) {
      return -1;
    }
  }

  private static long ticks(long pid) {
    return ticks(Path.of("/proc", Long.toString(pid), "stat"), TIME_FIELDS);
  }

  private static long ticks(Path statFile, int count) {
    try {
      String stat = read(statFile);
      // The command name may hold spaces: fields are counted from after its closing parenthesis.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long sum = 0;
      for (int i = 0; i < count; i++) {
        sum += Long.parseLong(fields[FIRST_TIME_FIELD + i - 3]);
      }
      return sum;
    } catch (RuntimeException e) {
      return -1; // gone, or no /proc
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
