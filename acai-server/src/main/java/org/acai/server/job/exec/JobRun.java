package org.acai.server.job.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a job's command, as the agent hands it to a {@link CommandRunner}.
 *
 * @param jobId the job
 * @param workDir the job's working directory on this machine, owned by {@link #user}; the runner
 *     makes it the command's working directory (at whatever path the job sees it)
 * @param command the shell command
 * @param image the container image the job asked for, or null
 * @param env variables for the job on top of the runner's minimal base
 * @param memoryBytes memory limit in bytes, 0 for none
 * @param cpuMillis CPU limit in thousandths of a vCPU, 0 for none
 * @param gpus GPUs requested
 * @param timeout wall-clock limit, or null
 * @param user the unprivileged identity the command runs as
 */
public record JobRun(
    long jobId,
    Path workDir,
    String command,
    String image,
    Map<String, String> env,
    long memoryBytes,
    long cpuMillis,
    int gpus,
    Duration timeout,
    JobUser user) {

  /** Checks the fields. */
  public JobRun {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(user, "user");
    env = Map.copyOf(env == null ? Map.of() : env);
  }

  /** A name for the run's cgroups, containers and threads, e.g. {@code job-42}. */
  public String name() {
    return "job-" + jobId;
  }
}
