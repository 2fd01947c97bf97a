package org.acai.server.job.exec.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.job.exec.JobUser;

/**
 * What to run in a sandbox and within which limits.
 *
 * @param workDir the job's working directory: the only place the job may write (besides a private
 *     /tmp); must exist
 * @param command a shell command, run as {@code /bin/bash -c command}
 * @param env environment variables for the job, on top of a minimal base (PATH, HOME = the work
 *     dir, LANG, TMPDIR); the server's own environment is never passed on
 * @param memoryBytes memory limit in bytes, 0 for none
 * @param cpuMillis CPU limit in millicores, 0 for none
 * @param maxPids limit on processes and threads, 0 for {@link #DEFAULT_MAX_PIDS}
 * @param timeout wall-clock limit, null for none
 * @param name names the job's cgroups, e.g. {@code job-42}
 * @param user the uid the command runs as, or null for the server's own (tests and benchmarks)
 */
public record SandboxSpec(
    Path workDir,
    String command,
    Map<String, String> env,
    long memoryBytes,
    long cpuMillis,
    int maxPids,
    Duration timeout,
    String name,
    JobUser user) {

  /** Process limit when {@link #maxPids} is 0. */
  public static final int DEFAULT_MAX_PIDS = 512;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * Checks the fields.
   *
   * @throws InvalidRequestException if a field is missing, negative or malformed
   */
  public SandboxSpec {
    if (workDir == null || !workDir.isAbsolute()) {
      throw new InvalidRequestException("Invalid work dir: %s (must be absolute)", workDir);
    }
    if (command == null || command.isEmpty()) {
      throw new InvalidRequestException("Invalid command: %s", command);
    }
    env = Map.copyOf(env == null ? Map.of() : env);
    if (memoryBytes < 0 || cpuMillis < 0 || maxPids < 0) {
      throw new InvalidRequestException(
          "Invalid sandbox limits: memory %d, cpu %d, pids %d", memoryBytes, cpuMillis, maxPids);
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new InvalidRequestException("Invalid timeout: %s", timeout);
    }
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidRequestException("Invalid sandbox name: %s", name);
    }
  }

  /** A spec without limits (besides the default process limit), environment or timeout. */
  public static SandboxSpec of(Path workDir, String command, String name) {
    return new SandboxSpec(workDir, command, Map.of(), 0, 0, 0, null, name, null);
  }

  /** This spec with another memory limit. */
  public SandboxSpec withMemoryBytes(long bytes) {
    return new SandboxSpec(workDir, command, env, bytes, cpuMillis, maxPids, timeout, name, user);
  }

  /** This spec with another CPU limit. */
  public SandboxSpec withCpuMillis(long millis) {
    return new SandboxSpec(
        workDir, command, env, memoryBytes, millis, maxPids, timeout, name, user);
  }

  /** This spec with another process limit. */
  public SandboxSpec withMaxPids(int pids) {
    return new SandboxSpec(
        workDir, command, env, memoryBytes, cpuMillis, pids, timeout, name, user);
  }

  /** This spec with another wall-clock limit. */
  public SandboxSpec withTimeout(Duration limit) {
    return new SandboxSpec(
        workDir, command, env, memoryBytes, cpuMillis, maxPids, limit, name, user);
  }

  /** This spec with another environment. */
  public SandboxSpec withEnv(Map<String, String> variables) {
    return new SandboxSpec(
        workDir, command, variables, memoryBytes, cpuMillis, maxPids, timeout, name, user);
  }

  /** This spec run as another uid. */
  public SandboxSpec withUser(JobUser runAs) {
    return new SandboxSpec(
        workDir, command, env, memoryBytes, cpuMillis, maxPids, timeout, name, runAs);
  }

  /** The process limit that applies: {@link #maxPids}, or the default when it is 0. */
  public int effectiveMaxPids() {
    return maxPids == 0 ? DEFAULT_MAX_PIDS : maxPids;
  }
}
