package org.acai.server.job.exec.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Clears what servers that are gone left in the shared {@code acai} cgroup directory. A server
 * killed while a job was starting can leave the job's processes running (bubblewrap's
 * die-with-parent is not yet armed in its first milliseconds): those of an instance directory whose
 * server process no longer exists are killed, then its cgroups are removed. Directories of live
 * servers are left alone, and only empty cgroups are ever removed (rmdir refuses others).
 */
final class LeftoverCgroups {
  private static final Pattern INSTANCE = Pattern.compile("server-(\\d+)-\\w+");
  private static final long KILL_WAIT_MILLIS = 1_000;

  private LeftoverCgroups() {}

  /** Sweeps one controller's shared directory. */
  static void sweep(Path shared) {
    for (Path child : children(shared)) {
      Matcher instance = INSTANCE.matcher(child.getFileName().toString());
      if (!instance.matches()) {
        deleteQuietly(child);
      } else if (!isAlive(Long.parseLong(instance.group(1)))) {
        children(child).forEach(LeftoverCgroups::killAndRemove);
        deleteQuietly(child);
      }
    }
  }

  private static void killAndRemove(Path job) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_WAIT_MILLIS);
    while (System.nanoTime() < deadline) {
      List<String> pids = CgroupFiles.lines(job.resolve("cgroup.procs"));
      if (pids.isEmpty() && deleteQuietly(job)) {
        return;
      }
      pids.forEach(
          pid ->
              ProcessHandle.of(Long.parseLong(pid.trim()))
                  .ifPresent(ProcessHandle::destroyForcibly));
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static List<Path> children(Path dir) {
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static boolean deleteQuietly(Path dir) {
    try {
      Files.deleteIfExists(dir);
      return true;
    } catch (IOException e) {
      return false; // in use by a live server or job
    }
  }
}
