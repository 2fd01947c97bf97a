package org.acai.server.job.exec.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Reads what Java's ProcessHandle does not offer from {@code /proc}. Stateless. */
final class ProcFs {
  private static final Path PROC = Path.of("/proc");
  private static final long PF_EXITING = 0x4;

  private ProcFs() {}

  /** Pids of the processes in a process group; empty when /proc is unreadable. */
  static Set<Long> processGroup(long pgid) {
    Set<Long> members = new HashSet<>();
    for (Path dir : processDirs()) {
      String[] fields = statFields(dir);
      if (fields.length > 2 && fields[2].equals(Long.toString(pgid))) {
        members.add(Long.parseLong(dir.getFileName().toString()));
      }
    }
    return members;
  }

  /**
   * Whether the process has ended or is ending: gone, a zombie (dead, its status not yet
   * collected), or past the point of no return in the kernel's exit (PF_EXITING), e.g. a pid
   * namespace being torn down, which can take tens of ms.
   */
  static boolean isEnding(long pid) {
    // state ppid pgrp session tty_nr tpgid flags ...
    String[] fields = statFields(PROC.resolve(Long.toString(pid)));
    if (fields.length == 0 || fields[0].equals("Z")) {
      return true;
    }
    try {
      return fields.length > 6 && (Long.parseLong(fields[6]) & PF_EXITING) != 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * When the process started, in clock ticks since boot (field 22 of its {@code stat}): with the
   * pid, it names one process for good, since pids are reused but never at the same instant; -1
   * once it is gone.
   */
  static long startTicks(long pid) {
    // From field 3 (state) onwards, so field 22 is the 20th.
    String[] fields = statFields(PROC.resolve(Long.toString(pid)));
    try {
      return fields.length > 19 ? Long.parseLong(fields[19]) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * The value of {@code name} in the environment a process of {@code uid} started with, or null
   * (not set, another user's process, gone, or unreadable).
   */
  static String environmentOf(long pid, long uid, String name) {
    Path dir = PROC.resolve(Long.toString(pid));
    if (realUid(read(dir.resolve("status"))) != uid) {
      return null;
    }
    String prefix = name + "=";
    for (String entry : read(dir.resolve("environ")).split("\0")) {
      if (entry.startsWith(prefix)) {
        return entry.substring(prefix.length());
      }
    }
    return null;
  }

  /** Pids of every process /proc shows. */
  static List<Long> pids() {
    return processDirs().stream().map(dir -> Long.parseLong(dir.getFileName().toString())).toList();
  }

  /**
   * The kernel's id of the calling thread (its TID), from {@code /proc/thread-self}.
   *
   * @throws IOException if /proc does not say
   */
  static String ownThreadId() throws IOException {
    // The link reads "<pid>/task/<tid>".
    Path link = Files.readSymbolicLink(PROC.resolve("thread-self"));
    return link.getFileName().toString();
  }

  /** The real uid of this JVM, or -1 when unknown. */
  static long ownUid() {
    return realUid(read(PROC.resolve("self/status")));
  }

  /** How many tasks (threads) the user owns; RLIMIT_NPROC counts exactly these. */
  static long tasksOfUser(long uid) {
    long tasks = 0;
    for (Path dir : processDirs()) {
      String status = read(dir.resolve("status"));
      if (realUid(status) == uid) {
        tasks += statusField(status, "Threads:");
      }
    }
    return tasks;
  }

  /**
   * The memory a process holds in RAM, in bytes: its proportional set size (shared pages split
   * among their users, so a forked tree is not counted twice), or its resident set size where the
   * kernel has no {@code smaps_rollup}; 0 once it is gone.
   */
  static long residentBytes(long pid) {
    Path dir = PROC.resolve(Long.toString(pid));
    long kib = statusField(read(dir.resolve("smaps_rollup")), "Pss:");
    if (kib < 0) {
      kib = statusField(read(dir.resolve("status")), "VmRSS:");
    }
    return Math.max(0, kib) * 1024;
  }

  private static long realUid(String status) {
    return statusField(status, "Uid:");
  }

  private static long statusField(String status, String key) {
    for (String line : status.split("\n")) {
      if (line.startsWith(key)) {
        String[] parts = line.substring(key.length()).trim().split("\\s+");
        return Long.parseLong(parts[0]);
      }
    }
    return -1;
  }

  /**
   * The fields of a process's {@code stat} from the third (state) on; empty once it is gone. The
   * line reads "pid (comm) state ppid ...", and comm may hold spaces and parentheses, so the fields
   * start past the last ')'.
   */
  private static String[] statFields(Path processDir) {
    String stat = read(processDir.resolve("stat"));
    int close = stat.lastIndexOf(')');
    return close < 0 || close + 2 > stat.length()
        ? new String[0]
        : stat.substring(close + 2).split(" ");
  }

  private static List<Path> processDirs() {
    try (Stream<Path> entries = Files.list(PROC)) {
      return entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      // The process ended while we looked: it is simply not there any more.
      return "";
    }
  }
}
