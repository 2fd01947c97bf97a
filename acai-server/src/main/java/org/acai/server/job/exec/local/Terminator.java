package org.acai.server.job.exec.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends every process of one job: SIGTERM, a short grace period, then SIGKILL until none is left.
 * Finds the processes in the job's cgroups (or, without cgroups, among the descendants of its root
 * process) and, for a plain job in its own session, in its process group. Thread-safe: signalling
 * twice is harmless.
 */
final class Terminator {
  private static final Logger LOG = LoggerFactory.getLogger(Terminator.class);
  static final Duration GRACE = Duration.ofSeconds(1);
  private static final Duration FORCE = Duration.ofMillis(900);
  private static final long POLL_MILLIS = 10;

  private final ProcessHandle root;
  private final JobGroup cgroup;
  private final long processGroup;
  private final String bwrap;

  /**
   * @param root the job's first process
   * @param cgroup the job's cgroups, or null
   * @param processGroup the job's own process group, or -1 when it shares the server's
   * @param bwrap the bubblewrap executable, or null when not used
   */
  Terminator(ProcessHandle root, JobGroup cgroup, long processGroup, Path bwrap) {
    this.root = root;
    this.cgroup = cgroup;
    this.processGroup = processGroup;
    this.bwrap = bwrap == null ? null : bwrap.toString();
  }

  /** Ends all processes of the job; returns whether none is left (within about 2 s). */
  boolean terminate() {
    Set<ProcessHandle> members = members();
    if (members.isEmpty()) {
      return true;
    }
    // A bubblewrap process that ends takes its whole pid namespace down with SIGKILL at once, so
    // only the job's own processes get SIGTERM and the grace period.
    members.stream().filter(this::isJobProcess).forEach(ProcessHandle::destroy);
    if (waitUntilGone(GRACE)) {
      return true;
    }
    long deadline = System.nanoTime() + FORCE.toNanos();
    do {
      if (cgroup != null) {
        cgroup.killAll();
      }
      members().forEach(ProcessHandle::destroyForcibly);
      if (waitUntilGone(Duration.ofMillis(50))) {
        return true;
      }
    } while (System.nanoTime() < deadline);
    LOG.warn("Processes of a job are still alive after SIGKILL: {}", members());
    return false;
  }

  /** Live processes of the job (not zombies, not already exiting), never this JVM. */
  Set<ProcessHandle> members() {
    Set<Long> pids = new HashSet<>();
    if (root.isAlive()) {
      pids.add(root.pid());
    }
    if (cgroup != null) {
      // The root starts in the cgroups (JobCgroup.spawnInside), so they hold every process of the
      // job; scanning all of /proc for descendants instead costs milliseconds per call.
      pids.addAll(cgroup.members());
    } else {
      root.descendants().forEach(handle -> pids.add(handle.pid()));
    }
    if (processGroup > 0) {
      pids.addAll(ProcFs.processGroup(processGroup));
    }
    pids.remove(ProcessHandle.current().pid());
    return pids.stream()
        .filter(pid -> !ProcFs.isEnding(pid))
        .map(ProcessHandle::of)
        .flatMap(Optional::stream)
        .collect(Collectors.toSet());
  }

  private boolean isJobProcess(ProcessHandle handle) {
    return bwrap == null || !handle.info().command().orElse("").equals(bwrap);
  }

  private boolean waitUntilGone(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    // Processes of a job that just exited are usually gone within a millisecond or two.
    long pause = 1;
    while (System.nanoTime() < deadline) {
      if (members().isEmpty()) {
        return true;
      }
      try {
        Thread.sleep(pause);
        pause = Math.min(POLL_MILLIS, pause * 2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return members().isEmpty();
  }
}
