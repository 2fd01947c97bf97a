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

  private ProcFs() {}

  /** Pids of the processes in a process group; empty when /proc is unreadable. */
  static Set<Long> processGroup(long pgid) {
    Set<Long> members = new HashSet<>();
    for (Path dir : processDirs()) {
      String stat = read(dir.resolve("stat"));
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so skip past ')'.
      int close = stat.lastIndexOf(')');
      if (close < 0) {
        continue;
      }
      String[] fields = stat.substring(close + 2).split(" ");
      if (fields.length > 2 && fields[2].equals(Long.toString(pgid))) {
        members.add(Long.parseLong(dir.getFileName().toString()));
      }
    }
    return members;
  }

  /** Whether the process is a zombie: dead, waiting for its parent to collect its status. */
  static boolean isZombie(long pid) {
    String stat = read(PROC.resolve(Long.toString(pid)).resolve("stat"));
    int close = stat.lastIndexOf(')');
    return close < 0 || stat.startsWith("Z", close + 2);
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
