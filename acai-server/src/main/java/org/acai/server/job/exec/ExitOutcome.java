package org.acai.server.job.exec;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * How a sandboxed command ended.
 *
 * @param kind the kind of ending
 * @param exitCode the status the process ended with; 128 + N when it died of signal N
 * @param reason for humans, e.g. {@code exit code 3}, {@code out of memory (limit 64 MiB)}, {@code
 *     timeout after 5s}, {@code killed}
 */
public record ExitOutcome(Kind kind, int exitCode, String reason) {
  private static final Map<Integer, String> SIGNALS =
      Map.ofEntries(
          Map.entry(1, "SIGHUP"),
          Map.entry(2, "SIGINT"),
          Map.entry(3, "SIGQUIT"),
          Map.entry(4, "SIGILL"),
          Map.entry(6, "SIGABRT"),
          Map.entry(7, "SIGBUS"),
          Map.entry(8, "SIGFPE"),
          Map.entry(9, "SIGKILL"),
          Map.entry(11, "SIGSEGV"),
          Map.entry(13, "SIGPIPE"),
          Map.entry(14, "SIGALRM"),
          Map.entry(15, "SIGTERM"));

  /** The kinds of ending. */
  public enum Kind {
    /** The command exited by itself, with code 0 or not. */
    EXITED,
    /** Ended by {@link RunHandle#kill()}. */
    KILLED,
    /** Ended because it ran past its timeout. */
    TIMED_OUT,
    /**
     * Ended for going past its memory limit: by the kernel (cgroup) or by the server (measured).
     */
    OUT_OF_MEMORY,
    /** Died of a signal nobody here sent (e.g. SIGSEGV). */
    SIGNALED
  }

  /** Whether the command exited by itself with code 0. */
  public boolean isSuccess() {
    return kind == Kind.EXITED && exitCode == 0;
  }

  public static ExitOutcome exited(int code) {
    return new ExitOutcome(Kind.EXITED, code, "exit code " + code);
  }

  public static ExitOutcome killed(int code) {
    return new ExitOutcome(Kind.KILLED, code, "killed");
  }

  public static ExitOutcome timedOut(int code, Duration timeout) {
    String text = timeout.toString().substring(2).toLowerCase(Locale.ROOT);
    return new ExitOutcome(Kind.TIMED_OUT, code, "timeout after " + text);
  }

  public static ExitOutcome outOfMemory(int code, long limitBytes) {
    return new ExitOutcome(
        Kind.OUT_OF_MEMORY, code, "out of memory (limit " + humanBytes(limitBytes) + ")");
  }

  /** Ended by the server for holding more resident memory than its limit. */
  public static ExitOutcome outOfResidentMemory(int code, long residentBytes, long limitBytes) {
    return new ExitOutcome(
        Kind.OUT_OF_MEMORY,
        code,
        "out of memory ("
            + humanBytes(residentBytes)
            + " resident, limit "
            + humanBytes(limitBytes)
            + ")");
  }

  /** A death by signal; {@code note} (may be empty) says what may have caused it. */
  public static ExitOutcome signaled(int code, String note) {
    int signal = code - 128;
    String name = SIGNALS.getOrDefault(signal, "signal " + signal);
    String reason = "killed by signal " + signal + " (" + name + ")" + note;
    return new ExitOutcome(Kind.SIGNALED, code, reason);
  }

  /** Whether an exit status means death by a signal (128 + N, as shells and Java report it). */
  public static boolean isSignal(int code) {
    return code > 128 && code <= 128 + 64;
  }

  public static String humanBytes(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    String number =
        value == Math.rint(value)
            ? String.valueOf((long) value)
            : String.format(Locale.ROOT, "%.1f", value);
    return number + " " + units[unit];
  }
}
