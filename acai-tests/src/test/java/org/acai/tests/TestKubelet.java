package org.acai.tests;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * Plays the part of the Job controller and the kubelet against the fabric8 CRUD mock: makes the pod
 * of a Job and moves it through phases and container states.
 */
final class TestKubelet {
  static final String NAMESPACE = "test";

  private final KubernetesClient client;

  TestKubelet(KubernetesClient client) {
    this.client = client;
  }

  /** The Job of an ACAI job, once the server created it. */
  Job awaitJob(long jobId) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> job(jobId), job -> job != null);
  }

  Job job(long jobId) {
    return client.batch().v1().jobs().inNamespace(NAMESPACE).withName("acai-job-" + jobId).get();
  }

  /** The job token the server handed over in a Secret. */
  String token(long jobId) {
    Secret secret =
        client.secrets().inNamespace(NAMESPACE).withName("acai-job-" + jobId + "-token").get();
    if (secret.getStringData() != null && secret.getStringData().containsKey("token")) {
      return secret.getStringData().get("token");
    }
    return new String(
        Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
  }

  /** Creates the Job's pod, Pending, as the Job controller would. */
  String createPod(long jobId) {
    Job job = awaitJob(jobId);
    String name = "acai-job-" + jobId + "-x7k2p";
    client
        .pods()
        .inNamespace(NAMESPACE)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withStatus(new PodStatusBuilder().withPhase("Pending").build())
                .build())
        .create();
    return name;
  }

  void unschedulable(String pod, String message) {
    PodCondition condition =
        new PodConditionBuilder()
            .withType("PodScheduled")
            .withStatus("False")
            .withReason("Unschedulable")
            .withMessage(message)
            .build();
    status(pod, new PodStatusBuilder().withPhase("Pending").withConditions(condition).build());
  }

  /** Sets the init containers' and containers' states; the phase follows from them. */
  void containers(
      String pod, String phase, List<ContainerStatus> init, List<ContainerStatus> main) {
    status(
        pod,
        new PodStatusBuilder()
            .withPhase(phase)
            .withInitContainerStatuses(init)
            .withContainerStatuses(main)
            .build());
  }

  void deadlineExceeded(long jobId) {
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(NAMESPACE)
        .withName("acai-job-" + jobId)
        .edit(
            job -> {
              if (job.getStatus() == null) {
                job.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatus());
              }
              job.getStatus()
                  .setConditions(
                      new ArrayList<>(
                          List.of(
                              new JobConditionBuilder()
                                  .withType("Failed")
                                  .withStatus("True")
                                  .withReason("DeadlineExceeded")
                                  .build())));
              return job;
            });
  }

  private void status(String pod, PodStatus status) {
    client
        .pods()
        .inNamespace(NAMESPACE)
        .withName(pod)
        .edit(
            current -> {
              current.setStatus(status);
              return current;
            });
  }

  static ContainerStatus running(String name) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withImage("img")
        .withImageID("docker.io/library/debian@sha256:0123abcd")
        .withNewState()
        .withNewRunning()
        .withStartedAt("2026-12-04T10:00:00Z")
        .endRunning()
        .endState()
        .build();
  }

  static ContainerStatus waiting(String name, String reason, String message) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withImage("example.invalid/nope:1")
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .endState()
        .build();
  }

  static ContainerStatus terminated(String name, int code, String reason, String message) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withImage("img")
        .withImageID("docker.io/library/debian@sha256:0123abcd")
        .withNewState()
        .withNewTerminated()
        .withExitCode(code)
        .withReason(reason)
        .withMessage(message)
        .endTerminated()
        .endState()
        .build();
  }

  Pod pod(String name) {
    return client.pods().inNamespace(NAMESPACE).withName(name).get();
  }
}
