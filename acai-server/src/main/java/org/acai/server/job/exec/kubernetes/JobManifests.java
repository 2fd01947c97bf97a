package org.acai.server.job.exec.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects of one ACAI job: a Secret holding the job's token, and a {@code batch/v1}
 * Job whose pod runs, in order, the init container {@value #STAGE} (the agent stages the input set
 * and code into an emptyDir), the init container {@value #MAIN} (the user's image runs the command
 * there) and the container {@value #UPLOAD} (the agent uploads the output path). Because Kubernetes
 * starts a container only once every init container has exited, the upload begins when the job and
 * every process it started are gone, and nothing is needed in the user's image but {@code /bin/sh}.
 * The token is mounted into the agent's containers only.
 */
final class JobManifests {
  static final String STAGE = "acai-stage";
  static final String MAIN = "job";
  static final String UPLOAD = "acai-upload";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String JOB_ID = "acai.io/job-id";
  static final String MANAGER = "acai";

  /**
   * The command runs in the work dir. Its exit code goes to a file the uploader reports; the
   * wrapper ends with 0 so that the outputs of a failing command are uploaded too, except when a
   * signal ended it (an OOM kill): then the pod fails and nothing is uploaded.
   */
  static final String WRAPPER =
      "cd /acai/work || exit 1; /bin/sh -c \"$ACAI_COMMAND\"; code=$?;"
          + " echo \"$code\" > /acai/exit-code; if [ \"$code\" -ge 128 ]; then exit \"$code\"; fi";

  private static final String TOKEN_DIR = "/var/run/acai";

  private final KubernetesConfig config;

  JobManifests(KubernetesConfig config) {
    this.config = config;
  }

  static String jobName(long jobId) {
    return "acai-job-" + jobId;
  }

  static String secretName(long jobId) {
    return "acai-job-" + jobId + "-token";
  }

  Map<String, String> labels(long jobId) {
    Map<String, String> labels = new LinkedHashMap<>(config.labels());
    labels.put(MANAGED_BY, MANAGER);
    labels.put(JOB_ID, Long.toString(jobId));
    return labels;
  }

  Secret secret(org.acai.server.job.Job job, String token) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(secretName(job.id()))
        .withLabels(labels(job.id()))
        .endMetadata()
        .withType("Opaque")
        .withStringData(Map.of("token", token))
        .build();
  }

  Job job(org.acai.server.job.Job job) {
    String id = Long.toString(job.id());
    List<LocalObjectReference> pullSecrets = new ArrayList<>();
    config.imagePullSecrets().forEach(name -> pullSecrets.add(new LocalObjectReference(name)));
    return new JobBuilder()
        .withNewMetadata()
        .withName(jobName(job.id()))
        .withLabels(labels(job.id()))
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withTtlSecondsAfterFinished(3600)
        .withActiveDeadlineSeconds(
            job.timeoutSeconds() == null ? null : job.timeoutSeconds().longValue())
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels(job.id()))
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withServiceAccountName(config.serviceAccount())
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withNodeSelector(config.nodeSelector().isEmpty() ? null : config.nodeSelector())
        .withTolerations(config.tolerations())
        .withImagePullSecrets(pullSecrets)
        .withNewSecurityContext()
        .withFsGroup(config.jobUid())
        .endSecurityContext()
        .addNewVolume()
        .withName("work")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .addNewVolume()
        .withName("token")
        .withNewSecret()
        .withSecretName(secretName(job.id()))
        .withDefaultMode(0440)
        .endSecret()
        .endVolume()
        .withInitContainers(stage(id), main(job))
        .withContainers(
            new ContainerBuilder(agent(UPLOAD, id, "upload"))
                .addToArgs(
                    "--exit-code-file", "/acai/exit-code", "--report", "/dev/termination-log")
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .build())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private Container stage(String jobId) {
    return new ContainerBuilder(agent(STAGE, jobId, "stage"))
        .addToArgs(
            "--max-code-size",
            Long.toString(config.codeLimits().maxBytes()),
            "--max-code-files",
            Integer.toString(config.codeLimits().maxEntries()))
        .build();
  }

  private Container agent(String name, String jobId, String step) {
    return new ContainerBuilder()
        .withName(name)
        .withImage(config.agentImage())
        .withArgs(
            "agent",
            step,
            "--server",
            config.serverUrl().toString(),
            "--job",
            jobId,
            "--token-file",
            TOKEN_DIR + "/token",
            "--dir",
            "/acai/work")
        .withVolumeMounts(mount("work", "/acai", false), mount("token", TOKEN_DIR, true))
        .withNewResources()
        .addToRequests("cpu", new Quantity("100m"))
        .addToRequests("memory", new Quantity("256Mi"))
        .addToLimits("cpu", new Quantity("1"))
        .addToLimits("memory", new Quantity("512Mi"))
        .endResources()
        .withSecurityContext(restricted())
        .build();
  }

  private Container main(org.acai.server.job.Job job) {
    Map<String, Quantity> limits = new LinkedHashMap<>();
    if (job.resources().cpuMillis() > 0) {
      limits.put("cpu", new Quantity(job.resources().cpuMillis() + "m"));
    }
    if (job.resources().memoryBytes() > 0) {
      limits.put("memory", new Quantity(Long.toString(job.resources().memoryBytes())));
    }
    if (job.resources().gpus() > 0) {
      limits.put("nvidia.com/gpu", new Quantity(Integer.toString(job.resources().gpus())));
    }
    String image = job.containerImage();
    return new ContainerBuilder()
        .withName(MAIN)
        .withImage(image == null || image.isBlank() ? config.defaultImage() : image)
        .withCommand("/bin/sh", "-c", WRAPPER)
        .addNewEnv()
        .withName("ACAI_COMMAND")
        .withValue(job.command())
        .endEnv()
        .addNewEnv()
        .withName("ACAI_JOB_ID")
        .withValue(Long.toString(job.id()))
        .endEnv()
        .withWorkingDir("/acai/work")
        .withVolumeMounts(mount("work", "/acai", false))
        .withNewResources()
        .withRequests(limits)
        .withLimits(limits)
        .endResources()
        .withSecurityContext(restricted())
        .build();
  }

  /** Every container runs as the job uid, unprivileged: the agent can read what the job wrote. */
  private SecurityContext restricted() {
    return new SecurityContextBuilder()
        .withRunAsUser(config.jobUid())
        .withRunAsGroup(config.jobUid())
        .withRunAsNonRoot(true)
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .build();
  }

  private static VolumeMount mount(String volume, String path, boolean readOnly) {
    VolumeMount mount = new VolumeMount();
    mount.setName(volume);
    mount.setMountPath(path);
    mount.setReadOnly(readOnly);
    return mount;
  }
}
