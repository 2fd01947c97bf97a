package org.acai.server.job.exec.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.server.job.exec.JobRun;

/**
 * How a job's container is made: the work dir (and nothing else of this machine) bound read-write
 * at {@value #WORK_DIR}, the job's uid, no capabilities and no privilege gain, limits from the
 * job's resources, explicit ulimits (Podman needs them), labels to find it again.
 */
final class ContainerSpec {
  /** Where the job's work dir appears in its container; also its working directory and HOME. */
  static final String WORK_DIR = "/job";

  /** Label holding the job id. */
  static final String JOB_LABEL = "acai.job";

  /** Label holding the server instance (see {@link ContainerSettings#instance()}). */
  static final String SERVER_LABEL = "acai.server";

  /** Most processes (threads included) one job may have. */
  static final long PIDS_LIMIT = 512;

  private static final long NOFILE = 20_000;
  private static final long NPROC = 32_768;

  /**
   * Runs the command with bash when the image has it, else with sh (busybox and alpine images have
   * only sh); {@code $1} is the command.
   */
  private static final String SHELL_CHOICE =
      "if command -v bash >/dev/null 2>&1; then exec bash -c \"$1\"; fi; exec sh -c \"$1\"";

  private ContainerSpec() {}

  /** Creates (does not start) the job's container and returns its id. */
  static String create(
      DockerClient client, JobRun run, Images.Image image, ContainerSettings settings, Path work) {
    CreateContainerCmd create =
        client
            .createContainerCmd(image.id())
            .withName("acai-" + settings.instance() + "-" + run.name())
            .withLabels(
                Map.of(JOB_LABEL, Long.toString(run.jobId()), SERVER_LABEL, settings.instance()))
            .withEntrypoint("/bin/sh", "-c", SHELL_CHOICE, "acai-job", run.command())
            .withCmd(List.of())
            .withEnv(env(run))
            .withUser(run.user().spec())
            .withWorkingDir(WORK_DIR)
            .withStdinOpen(false)
            .withTty(false)
            .withHostConfig(hostConfig(run, settings, work));
    return create.exec().getId();
  }

  static List<String> env(JobRun run) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", WORK_DIR);
    env.putAll(run.env());
    List<String> pairs = new ArrayList<>();
    env.forEach((name, value) -> pairs.add(name + "=" + value));
    return pairs;
  }

  static HostConfig hostConfig(JobRun run, ContainerSettings settings, Path work) {
    HostConfig host =
        HostConfig.newHostConfig()
            .withBinds(new Bind(work.toString(), new Volume(WORK_DIR), AccessMode.rw))
            .withCapDrop(Capability.ALL)
            .withSecurityOpts(List.of("no-new-privileges"))
            .withPidsLimit(PIDS_LIMIT)
            .withUlimits(
                List.of(new Ulimit("nofile", NOFILE, NOFILE), new Ulimit("nproc", NPROC, NPROC)))
            .withNetworkMode(settings.networkMode());
    if (run.memoryBytes() > 0) {
      // Swap counts against the same limit: past it the job is killed, not swapped out.
      host.withMemory(run.memoryBytes()).withMemorySwap(run.memoryBytes());
    }
    if (run.cpuMillis() > 0) {
      host.withNanoCPUs(run.cpuMillis() * 1_000_000L);
    }
    if (run.gpus() > 0) {
      host.withDeviceRequests(
          List.of(
              new DeviceRequest().withCount(run.gpus()).withCapabilities(List.of(List.of("gpu")))));
    }
    return host;
  }
}
