package org.acai.server.job.exec.local;

/**
 * The cgroup hierarchy jobs are put in, v1 ({@link CgroupV1}) or v2 ({@link CgroupV2}), or none.
 * Immutable.
 */
interface Cgroups {
  /** No cgroups: plain processes with rlimits. */
  Cgroups NONE =
      new Cgroups() {
        @Override
        public boolean has(String controller) {
          return false;
        }

        @Override
        public boolean isEmpty() {
          return true;
        }

        @Override
        public String describe() {
          return "no cgroups";
        }

        @Override
        public void release() {}

        @Override
        public JobGroup create(SandboxSpec spec) {
          return null;
        }
      };

  /** Whether job cgroups get this controller ({@code memory}, {@code pids}, {@code cpu}). */
  boolean has(String controller);

  /** Whether jobs get no cgroup at all. */
  boolean isEmpty();

  /** E.g. {@code cgroup v1 (memory, pids, cpu)}. */
  String describe();

  /** Removes this server's own directories once no job uses them. */
  void release();

  /**
   * Creates a job's cgroups with its limits written in; null where jobs get none.
   *
   * @throws org.acai.api.error.ServiceFailureException if they cannot be created
   */
  JobGroup create(SandboxSpec spec);
}
