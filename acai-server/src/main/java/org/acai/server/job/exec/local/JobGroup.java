package org.acai.server.job.exec.local;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/** One job's cgroups: how its first process gets in, who is in, and how they all end. */
interface JobGroup {
  /** The command line that starts the job inside (v2 puts a tiny joining step first). */
  default List<String> commandLine(List<String> argv) {
    return argv;
  }

  /** Starts the job's first process so that it begins inside the cgroups. */
  <T> T spawnInside(Spawner<T> spawner) throws IOException;

  /** Pids currently in the job's cgroups. */
  Set<Long> members();

  /**
   * Whether the kernel's OOM killer killed any process of the job, even one whose death the job
   * survived (as engines report it: its output may be cut short); where the kernel does not count
   * OOM kills, judged from failed charges and the status the job ended with.
   */
  boolean wasOutOfMemory(int exitCode);

  /** Kills every process in the cgroups at once, where the kernel can ({@code cgroup.kill}). */
  default void killAll() {}

  /** Removes the cgroups once empty, retrying while the kernel tears the job down. */
  void remove();

  /** Something that starts a process. */
  @FunctionalInterface
  interface Spawner<T> {
    T spawn() throws IOException;
  }
}
