package org.acai.server.job.exec;

/**
 * Runs a job's command in its working directory, isolated from the server and from other jobs: a
 * sandboxed local process, or a container of the job's image. Implementations are thread-safe.
 */
public interface CommandRunner {
  /**
   * Starts the command and returns at once; output goes to {@code sink} line by line.
   *
   * @throws org.acai.api.error.AcaiException if it cannot start (the job then fails with its
   *     message)
   */
  RunHandle start(JobRun run, LineSink sink);

  /**
   * Whether the command runs as the {@link JobRun#user()} it is given. A runner that runs commands
   * as the server's own uid (only when the operator turned isolation off) says no, and is given the
   * server's identity.
   */
  default boolean switchesUsers() {
    return true;
  }

  /** Whether the command runs in the job's container image (else on this machine's system). */
  boolean runsImages();

  /** What jobs get here, for logs and the job's RUNNING reason. */
  String describe();

  /** Frees what the runner holds once no job runs any more (server shutdown). */
  default void release() {}
}
