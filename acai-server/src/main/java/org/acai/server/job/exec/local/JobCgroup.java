package org.acai.server.job.exec.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.acai.api.error.ServiceFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One job's cgroups, one per usable controller, with the spec's limits written in. */
final class JobCgroup implements JobGroup {
  private static final Logger LOG = LoggerFactory.getLogger(JobCgroup.class);
  private static final long CFS_PERIOD_US = 100_000;
  private static final long MIN_QUOTA_US = 1_000;
  private static final long REMOVE_WAIT_MILLIS = 1_000;
  private static final long FIRST_REMOVE_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
  private static final long MAX_REMOVE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final Map<String, Path> dirs;
  private final Map<String, Path> homes;

  private JobCgroup(Map<String, Path> dirs, Map<String, Path> homes) {
    this.dirs = dirs;
    this.homes = homes;
  }

  /**
   * Creates the job's cgroups and writes the limits: pids always (it bounds forks and lists the
   * job's processes), memory and cpu only for a limit to enforce, as every cgroup costs the kernel
   * work to set up, to schedule through and to tear down. Null when none of them is usable here.
   *
   * @throws ServiceFailureException if a cgroup is still in use or cannot be written
   */
  static JobCgroup create(CgroupV1 cgroups, SandboxSpec spec) {
    JobCgroup group = new JobCgroup(new LinkedHashMap<>(), cgroups.homes());
    try {
      for (Map.Entry<String, Path> base : cgroups.bases().entrySet()) {
        if (!needed(base.getKey(), spec)) {
          continue;
        }
        Path dir = base.getValue().resolve(spec.name());
        makeDirectory(dir);
        group.dirs.put(base.getKey(), dir);
      }
      group.writeLimits(spec);
      return group.dirs.isEmpty() ? null : group;
    } catch (IOException e) {
      group.remove();
      throw new ServiceFailureException(e, "Cannot create cgroup %s: %s", spec.name(), e);
    }
  }

  private static boolean needed(String controller, SandboxSpec spec) {
    switch (controller) {
      case "memory":
        return spec.memoryBytes() > 0;
      case "cpu":
        return spec.cpuMillis() > 0;
      default:
        return true;
    }
  }

  /**
   * Starts a process in the job's cgroups: the calling thread moves into them, forks, and moves
   * back to this server's own cgroups before this returns. In cgroup v1 a child starts in the
   * cgroups of the thread that forked it, so the job is in its cgroups before its first
   * instruction, at no cost of a helper process that joins them. Memory is charged to a process's
   * main thread's cgroup, so the visiting thread's allocations stay the server's.
   *
   * @throws IOException if the process cannot start, or the thread cannot move in
   */
  @Override
  public <T> T spawnInside(Spawner<T> spawner) throws IOException {
    String thread = ProcFs.ownThreadId();
    try {
      for (Path dir : dirs.values()) {
        moveThread(thread, dir);
      }
      return spawner.spawn();
    } finally {
      goHome(thread);
    }
  }

  // Never throws: the process started, and must not be lost for want of the thread's way back.
  private void goHome(String thread) {
    for (String controller : dirs.keySet()) {
      try {
        moveThread(thread, homes.get(controller));
      } catch (IOException e) {
        LOG.error("Thread {} is left in the {} cgroup of a job", thread, controller, e);
      }
    }
  }

  /** Moves one thread (by its kernel id) into the cgroup at {@code dir}. */
  static void moveThread(String threadId, Path dir) throws IOException {
    Files.writeString(dir.resolve("tasks"), threadId, StandardCharsets.US_ASCII);
  }

  /** The {@code cgroup.procs} files listing the job's processes, one per controller. */
  List<Path> procsFiles() {
    List<Path> files = new ArrayList<>();
    dirs.values().forEach(dir -> files.add(dir.resolve("cgroup.procs")));
    return files;
  }

  @Override
  public Set<Long> members() {
    Set<Long> pids = new HashSet<>();
    for (Path procs : procsFiles()) {
      try {
        for (String line : Files.readAllLines(procs, StandardCharsets.US_ASCII)) {
          if (!line.isBlank()) {
            pids.add(Long.parseLong(line.trim()));
          }
        }
      } catch (IOException e) {
        // Removed already: no members.
      }
    }
    return pids;
  }

  /**
   * Whether the kernel's OOM killer ended the job, given the status it ended with. Counts the
   * cgroup's OOM kills; kernels before 4.13 have no counter, there a hit limit plus SIGKILL is the
   * next best sign.
   */
  @Override
  public boolean wasOutOfMemory(int exitCode) {
    Path dir = dirs.get("memory");
    if (dir == null) {
      return false;
    }
    try {
      for (String line : Files.readAllLines(dir.resolve("memory.oom_control"))) {
        if (line.startsWith("oom_kill ")) {
          return Long.parseLong(line.substring("oom_kill ".length()).trim()) > 0;
        }
      }
      long failures = Long.parseLong(Files.readString(dir.resolve("memory.failcnt")).trim());
      return failures > 0 && exitCode == 128 + 9;
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  /**
   * Removes the cgroups; they must be empty. Retries for up to about a second, as the kernel frees
   * them late (a pid namespace's teardown takes a few milliseconds, more under load): first every
   * 100 µs, then less and less often.
   */
  @Override
  public void remove() {
    removeWhenEmpty(dirs.values());
  }

  /** Removes cgroup directories, retrying for up to a second while the kernel empties them. */
  static void removeWhenEmpty(Collection<Path> dirs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REMOVE_WAIT_MILLIS);
    for (Path dir : dirs) {
      // File.delete says false where Files.delete would build an exception, each 100 µs.
      File file = dir.toFile();
      long pause = FIRST_REMOVE_PAUSE_NANOS;
      while (!file.delete() && file.exists() && System.nanoTime() < deadline) {
        LockSupport.parkNanos(pause);
        pause = Math.min(MAX_REMOVE_PAUSE_NANOS, pause * 2);
      }
    }
  }

  private void writeLimits(SandboxSpec spec) throws IOException {
    Path memory = dirs.get("memory");
    if (memory != null && spec.memoryBytes() > 0) {
      write(memory.resolve("memory.limit_in_bytes"), spec.memoryBytes());
      // Without this the job could go on in swap, past its limit.
      Path swap = memory.resolve("memory.memsw.limit_in_bytes");
      if (Files.exists(swap)) {
        write(swap, spec.memoryBytes());
      }
    }
    Path pids = dirs.get("pids");
    if (pids != null) {
      write(pids.resolve("pids.max"), spec.effectiveMaxPids());
    }
    Path cpu = dirs.get("cpu");
    if (cpu != null && spec.cpuMillis() > 0) {
      write(cpu.resolve("cpu.cfs_period_us"), CFS_PERIOD_US);
      long quota = Math.max(MIN_QUOTA_US, spec.cpuMillis() * CFS_PERIOD_US / 1000);
      write(cpu.resolve("cpu.cfs_quota_us"), quota);
    }
  }

  private static void makeDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try {
        // An earlier job of the same name in this server; only an empty cgroup can go.
        Files.delete(dir);
      } catch (IOException e) {
        throw new FileAlreadyExistsException(dir.toString(), null, "still in use");
      }
    }
    // The instance directory is this server's alone: nothing else removes it while jobs run.
    Files.createDirectories(dir.getParent());
    Files.createDirectory(dir);
  }

  private static void write(Path file, long value) throws IOException {
    Files.writeString(file, Long.toString(value), StandardCharsets.US_ASCII);
  }
}
