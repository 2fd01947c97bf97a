package org.acai.server.job.exec.container;

import java.time.Duration;
import org.acai.server.job.exec.ExitOutcome;

/**
 * How a container's end reads as an {@link ExitOutcome}: what the server did to it first, then what
 * the engine says.
 *
 * @param exitCode the container's exit code (128 + N for signal N)
 * @param oomKilled whether the engine says the kernel killed it for memory (Docker does; Podman
 *     reports false even then)
 * @param stoppedBy {@code KILLED} or {@code TIMED_OUT} if the server stopped it, else null
 * @param memoryLimit the job's memory limit in bytes, 0 for none
 * @param timeout the job's timeout, or null
 */
record ContainerExit(
    int exitCode,
    boolean oomKilled,
    ExitOutcome.Kind stoppedBy,
    long memoryLimit,
    Duration timeout) {
  private static final int SIGKILL_EXIT = 128 + 9;

  ExitOutcome outcome() {
    if (stoppedBy == ExitOutcome.Kind.KILLED) {
      return ExitOutcome.killed(exitCode);
    }
    if (stoppedBy == ExitOutcome.Kind.TIMED_OUT) {
      return ExitOutcome.timedOut(exitCode, timeout);
    }
    // A SIGKILL the server did not send, in a container with a memory limit, is the OOM killer's.
    if (oomKilled || (exitCode == SIGKILL_EXIT && memoryLimit > 0)) {
      return ExitOutcome.outOfMemory(exitCode, memoryLimit);
    }
    if (ExitOutcome.isSignal(exitCode)) {
      return ExitOutcome.signaled(exitCode, "");
    }
    return ExitOutcome.exited(exitCode);
  }
}
