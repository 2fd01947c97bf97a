package org.acai.server.job.exec.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.acai.api.job.JobStatus;
import org.acai.server.job.LocalAgentEnvironment.MetaTagger;
import org.acai.server.job.agent.TagLines;
import org.acai.server.job.exec.Capacity;
import org.acai.server.job.exec.Executor;
import org.acai.server.job.exec.JobReporter;
import org.acai.server.job.exec.SupportsReattach;
import org.acai.server.meta.EntityType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each ACAI job as a {@code batch/v1} Job (see {@link JobManifests}) and follows it by looking
 * at its Job and pod every {@link KubernetesConfig#poll()}: one list of Jobs and one of pods per
 * look, whatever the number of jobs. Jobs outlive the server: a new server re-attaches to them by
 * label. Thread-safe.
 */
public final class KubernetesExecutor implements Executor, SupportsReattach {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesExecutor.class);
  private static final Duration LOG_DRAIN = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final KubernetesConfig config;
  private final Capacity capacity;
  private final JobTokens tokens;
  private final MetaTagger tagger;
  private final JobManifests manifests;
  private final Map<Long, TrackedJob> tracked = new ConcurrentHashMap<>();
  private final Thread poller;
  private volatile boolean stopped;

  /** Creates the executor and starts following its jobs. */
  public KubernetesExecutor(
      KubernetesClient client,
      KubernetesConfig config,
      Capacity capacity,
      JobTokens tokens,
      MetaTagger tagger) {
    this.client = client;
    this.config = config;
    this.capacity = capacity;
    this.tokens = tokens;
    this.tagger = tagger;
    this.manifests = new JobManifests(config);
    this.poller = new Thread(this::pollLoop, "acai-k8s-poller");
    this.poller.setDaemon(true);
    this.poller.start();
  }

  @Override
  public Capacity capacity() {
    return capacity;
  }

  @Override
  public void launch(org.acai.server.job.Job job, JobReporter reporter) {
    TrackedJob run = new TrackedJob(job, reporter, null);
    try {
      Secret secret =
          client
              .secrets()
              .inNamespace(config.namespace())
              .resource(manifests.secret(job, tokens.issue(job)))
              .createOr(NonDeletingOperation::update);
      Job created =
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(config.namespace())
              .resource(manifests.job(job))
              .create();
      ownBy(secret, created);
      reporter.log(
          "[acai] Kubernetes Job "
              + config.namespace()
              + "/"
              + created.getMetadata().getName()
              + " created");
      tracked.put(job.id(), run);
    } catch (KubernetesClientException e) {
      LOG.warn("Cannot create the Kubernetes Job of job {}", job.id(), e);
      tokens.revoke(job);
      deleteObjects(job.id(), DeletionPropagation.BACKGROUND);
      reporter.finished(JobStatus.FAILED, "Cannot create Kubernetes Job: " + e.getMessage(), null);
    }
  }

  /** The Secret goes away with its Job (Kubernetes' garbage collector). */
  private void ownBy(Secret secret, Job job) {
    client
        .secrets()
        .inNamespace(config.namespace())
        .withName(secret.getMetadata().getName())
        .edit(
            current -> {
              current
                  .getMetadata()
                  .setOwnerReferences(
                      List.of(
                          new OwnerReferenceBuilder()
                              .withApiVersion("batch/v1")
                              .withKind("Job")
                              .withName(job.getMetadata().getName())
                              .withUid(job.getMetadata().getUid())
                              .build()));
              return current;
            });
  }

  @Override
  public void kill(long jobId) {
    TrackedJob run = tracked.remove(jobId);
    deleteObjects(jobId, DeletionPropagation.FOREGROUND);
    if (run != null) {
      if (run.log != null) {
        run.log.stop();
      }
      tokens.revoke(run.job);
      run.reporter.finished(JobStatus.KILLED, "killed", null);
    }
  }

  @Override
  public Set<Long> reattach(
      List<org.acai.server.job.Job> live,
      java.util.function.LongPredicate liveInDatabase,
      Function<org.acai.server.job.Job, JobReporter> reporters) {
    Map<Long, Job> jobs = byJobId(managedJobs());
    Set<Long> liveIds = new HashSet<>();
    Set<Long> taken = new HashSet<>();
    for (org.acai.server.job.Job job : live) {
      liveIds.add(job.id());
      if (jobs.containsKey(job.id())) {
        long since = Math.max(1, (System.currentTimeMillis() - job.updatedMillis()) / 1000 + 1);
        TrackedJob run = new TrackedJob(job, reporters.apply(job), (int) Math.min(since, 86_400));
        run.last = job.status();
        run.reporter.log("[acai] re-attached to Kubernetes Job after a server restart");
        tracked.put(job.id(), run);
        taken.add(job.id());
      }
    }
    for (Long orphan : jobs.keySet()) {
      if (!liveIds.contains(orphan) && !liveInDatabase.test(orphan)) {
        LOG.info("Deleting orphaned Kubernetes Job of job {}", orphan);
        deleteObjects(orphan, DeletionPropagation.BACKGROUND);
      }
    }
    return taken;
  }

  private void pollLoop() {
    while (!stopped) {
      try {
        if (!tracked.isEmpty()) {
          pollOnce();
        }
      } catch (KubernetesClientException | IllegalStateException e) {
        LOG.warn("Cannot look at Kubernetes jobs: {}", e.getMessage());
      }
      try {
        Thread.sleep(config.poll().toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void pollOnce() {
    // Taken before listing: a job launched meanwhile is looked at next time, not found missing.
    List<TrackedJob> runs = List.copyOf(tracked.values());
    Map<Long, Job> jobs = byJobId(managedJobs());
    Map<Long, Pod> pods =
        byJobId(
            client
                .pods()
                .inNamespace(config.namespace())
                .withLabel(JobManifests.MANAGED_BY, JobManifests.MANAGER)
                .list()
                .getItems());
    for (TrackedJob run : runs) {
      try {
        step(run, jobs.get(run.job.id()), pods.get(run.job.id()));
      } catch (RuntimeException e) {
        LOG.warn("Cannot follow job {}", run.job.id(), e);
      }
    }
  }

  private void step(TrackedJob run, Job job, Pod pod) {
    if (job == null) {
      end(run, JobStatus.FAILED, "its Kubernetes Job was deleted outside ACAI", null);
      return;
    }
    if (pod != null) {
      follow(run, pod);
    }
    PodStates.Observed seen = PodStates.observe(job, pod);
    switch (seen.kind()) {
      case STEP:
        run.pullFailingSince = null;
        if (seen.status() != run.last) {
          run.last = seen.status();
          run.reporter.status(seen.status(), seen.reason());
        }
        break;
      case PULL_ERROR:
        Instant now = Instant.now();
        if (run.pullFailingSince == null) {
          run.pullFailingSince = now;
          run.reporter.log("[acai] " + seen.reason());
        } else if (!now.isBefore(run.pullFailingSince.plus(config.pullGrace()))) {
          end(run, JobStatus.FAILED, seen.reason(), null);
        }
        break;
      case ENDED:
        end(run, seen.status(), seen.reason(), seen.exitCode());
        break;
      case UPLOADED:
        uploaded(run, seen.report());
        break;
      default:
        break;
    }
  }

  private void follow(TrackedJob run, Pod pod) {
    if (!run.digestRecorded && PodStates.imageDigest(pod) != null) {
      run.digestRecorded = true;
      String image = PodStates.imageDigest(pod);
      run.reporter.log("[acai] image " + image);
      // The kubelet reports the image as repo@sha256:... (or a docker-pullable:// URL of it).
      int digest = image.lastIndexOf("sha256:");
      if (digest >= 0) {
        run.reporter.imageDigest(image.substring(digest));
      }
    }
    if (run.log == null && PodStates.mainStarted(pod)) {
      run.log =
          LogFollower.start(
              client,
              config.namespace(),
              pod.getMetadata().getName(),
              run.logSinceSeconds,
              run::line);
    }
  }

  private void uploaded(TrackedJob run, String report) {
    UploadReport result = UploadReport.parse(report);
    if (result.outputFileSet() != null) {
      if (result.outputFileSet().startsWith(run.job.outputSetName() + ":")) {
        run.reporter.outputs(result.outputFileSet());
        finishLog(run);
        Map<String, Object> tags = new HashMap<>(run.tags.collected(TagLines.Target.FILESET));
        if (!Integer.valueOf(0).equals(result.exitCode())) {
          tags.put("partial", true);
        }
        if (!tags.isEmpty()) {
          tagger.tag(run.job.projectId(), EntityType.FILESET, result.outputFileSet(), tags);
        }
      } else {
        run.reporter.log("[acai] ignored an output file set that is not the job's: " + report);
      }
    }
    if (result.exitCode() == null) {
      end(run, JobStatus.FAILED, "the command's exit code is unknown", null);
    } else if (result.exitCode() == 0) {
      end(run, JobStatus.FINISHED, "completed", 0);
    } else {
      end(run, JobStatus.FAILED, "exit code " + result.exitCode(), result.exitCode());
    }
  }

  private void finishLog(TrackedJob run) {
    if (run.log != null) {
      run.log.finish(LOG_DRAIN);
    }
  }

  private void end(TrackedJob run, JobStatus status, String reason, Integer exitCode) {
    if (tracked.remove(run.job.id()) == null) {
      return;
    }
    if (status == JobStatus.KILLED || run.log == null) {
      if (run.log != null) {
        run.log.stop();
      }
    } else {
      finishLog(run);
    }
    tokens.revoke(run.job);
    deleteObjects(run.job.id(), DeletionPropagation.BACKGROUND);
    run.reporter.finished(status, reason, exitCode);
  }

  private void deleteObjects(long jobId, DeletionPropagation propagation) {
    try {
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace(config.namespace())
          .withName(JobManifests.jobName(jobId))
          .withPropagationPolicy(propagation)
          .delete();
      client
          .secrets()
          .inNamespace(config.namespace())
          .withName(JobManifests.secretName(jobId))
          .delete();
    } catch (KubernetesClientException e) {
      LOG.warn("Cannot delete the Kubernetes objects of job {}: {}", jobId, e.getMessage());
    }
  }

  private List<Job> managedJobs() {
    return client
        .batch()
        .v1()
        .jobs()
        .inNamespace(config.namespace())
        .withLabel(JobManifests.MANAGED_BY, JobManifests.MANAGER)
        .list()
        .getItems();
  }

  private static <T extends HasMetadata> Map<Long, T> byJobId(List<T> items) {
    Map<Long, T> byId = new HashMap<>();
    for (T item : items) {
      String id = item.getMetadata().getLabels().get(JobManifests.JOB_ID);
      if (id != null
          && id.matches("\\d{1,18}")
          && item.getMetadata().getDeletionTimestamp() == null) {
        byId.put(Long.parseLong(id), item);
      }
    }
    return byId;
  }

  @Override
  public String describe() {
    return "Kubernetes namespace " + config.namespace() + " at " + client.getMasterUrl();
  }

  /** Stops following; the Jobs keep running for the next server to re-attach to. */
  @Override
  public void close() {
    stopped = true;
    poller.interrupt();
    tracked
        .values()
        .forEach(
            run -> {
              if (run.log != null) {
                run.log.stop();
              }
            });
    client.close();
  }
}
