package org.acai.server.job.exec.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.acai.api.job.JobStatus;

/** What a Kubernetes Job and its pod say about an ACAI job: a pure mapping. */
final class PodStates {
  private static final Set<String> PULL_ERRORS =
      Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull");

  /** The kind of an observation. */
  enum Kind {
    /** Nothing new to say. */
    NONE,
    /** The job is in {@link Observed#status}. */
    STEP,
    /** An image cannot be pulled (yet): fails once the grace period is over. */
    PULL_ERROR,
    /** The job ended in {@link Observed#status}. */
    ENDED,
    /** The uploader ended well: its report says the outputs and exit code. */
    UPLOADED
  }

  /**
   * One observation.
   *
   * @param kind what it is
   * @param status the ACAI status, for STEP and ENDED
   * @param reason why
   * @param exitCode the command's exit code, if known
   * @param report the uploader's report line, for UPLOADED
   */
  record Observed(Kind kind, JobStatus status, String reason, Integer exitCode, String report) {
    static final Observed NOTHING = new Observed(Kind.NONE, null, null, null, null);

    static Observed step(JobStatus status, String reason) {
      return new Observed(Kind.STEP, status, reason, null, null);
    }

    static Observed ended(JobStatus status, String reason, Integer exitCode) {
      return new Observed(Kind.ENDED, status, reason, exitCode, null);
    }
  }

  private PodStates() {}

  static Observed observe(Job job, Pod pod) {
    Optional<JobCondition> failed = condition(job, "Failed");
    if (failed.isPresent() && "DeadlineExceeded".equals(failed.get().getReason())) {
      return Observed.ended(
          JobStatus.KILLED,
          "timeout after " + job.getSpec().getActiveDeadlineSeconds() + " s",
          null);
    }
    if (pod == null || pod.getStatus() == null) {
      return Observed.NOTHING;
    }
    List<ContainerStatus> all = new ArrayList<>(statuses(pod, true));
    all.addAll(statuses(pod, false));
    for (ContainerStatus status : all) {
      var waiting = status.getState() == null ? null : status.getState().getWaiting();
      if (waiting != null && PULL_ERRORS.contains(waiting.getReason())) {
        return new Observed(
            Kind.PULL_ERROR,
            JobStatus.FAILED,
            "Cannot pull image "
                + status.getImage()
                + ": "
                + waiting.getReason()
                + " "
                + text(waiting.getMessage()),
            null,
            null);
      }
    }
    Optional<PodCondition> scheduled =
        pod.getStatus().getConditions().stream()
            .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
            .findFirst();
    if ("Pending".equals(pod.getStatus().getPhase())
        && scheduled.isPresent()
        && "Unschedulable".equals(scheduled.get().getReason())) {
      return Observed.step(
          JobStatus.QUEUEING, "waiting for a node: " + text(scheduled.get().getMessage()));
    }
    return containers(pod);
  }

  private static Observed containers(Pod pod) {
    ContainerState stage = state(pod, JobManifests.STAGE, true);
    ContainerState main = state(pod, JobManifests.MAIN, true);
    ContainerState upload = state(pod, JobManifests.UPLOAD, false);
    ContainerStateTerminated staged = stage == null ? null : stage.getTerminated();
    if (staged != null && staged.getExitCode() != 0) {
      return Observed.ended(JobStatus.FAILED, "Cannot stage inputs: " + message(staged), null);
    }
    ContainerStateTerminated ran = main == null ? null : main.getTerminated();
    if (ran != null && "OOMKilled".equals(ran.getReason())) {
      return Observed.ended(
          JobStatus.CONTAINER_CRASHED, "out of memory (OOMKilled)", ran.getExitCode());
    }
    if (ran != null && ran.getExitCode() != 0) {
      return Observed.ended(
          JobStatus.FAILED,
          "exit code " + ran.getExitCode() + " " + text(ran.getReason()),
          ran.getExitCode());
    }
    ContainerStateTerminated uploaded = upload == null ? null : upload.getTerminated();
    if (uploaded != null) {
      return uploaded.getExitCode() == 0
          ? new Observed(
              Kind.UPLOADED, JobStatus.FINISHED, "completed", null, uploaded.getMessage())
          : Observed.ended(JobStatus.FAILED, "Cannot upload outputs: " + message(uploaded), null);
    }
    if (upload != null && upload.getRunning() != null) {
      return Observed.step(JobStatus.UPLOADING, "uploading outputs");
    }
    if (main != null && main.getRunning() != null) {
      return Observed.step(JobStatus.RUNNING, "running in pod " + pod.getMetadata().getName());
    }
    if (stage != null && stage.getRunning() != null) {
      return Observed.step(JobStatus.DOWNLOADING, "staging input and code");
    }
    if ("Failed".equals(pod.getStatus().getPhase())) {
      return Observed.ended(
          JobStatus.FAILED,
          "pod failed: "
              + text(pod.getStatus().getReason())
              + " "
              + text(pod.getStatus().getMessage()),
          null);
    }
    return Observed.NOTHING;
  }

  /** The image digest the main container runs, once known. */
  static String imageDigest(Pod pod) {
    return statuses(pod, true).stream()
        .filter(s -> JobManifests.MAIN.equals(s.getName()))
        .map(ContainerStatus::getImageID)
        .filter(id -> id != null && !id.isBlank())
        .findFirst()
        .orElse(null);
  }

  /** Whether the main container has started (its log can be read). */
  static boolean mainStarted(Pod pod) {
    ContainerState main = state(pod, JobManifests.MAIN, true);
    return main != null && (main.getRunning() != null || main.getTerminated() != null);
  }

  private static Optional<JobCondition> condition(Job job, String type) {
    if (job == null || job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  private static List<ContainerStatus> statuses(Pod pod, boolean init) {
    if (pod.getStatus() == null) {
      return List.of();
    }
    List<ContainerStatus> statuses =
        init ? pod.getStatus().getInitContainerStatuses() : pod.getStatus().getContainerStatuses();
    return statuses == null ? List.of() : statuses;
  }

  private static ContainerState state(Pod pod, String name, boolean init) {
    return statuses(pod, init).stream()
        .filter(s -> name.equals(s.getName()))
        .map(ContainerStatus::getState)
        .findFirst()
        .orElse(null);
  }

  private static String message(ContainerStateTerminated terminated) {
    String message = terminated.getMessage();
    return message != null && !message.isBlank()
        ? message.strip()
        : "exit code " + terminated.getExitCode() + " " + text(terminated.getReason());
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }
}
