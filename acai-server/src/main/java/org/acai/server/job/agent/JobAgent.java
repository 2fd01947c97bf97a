package org.acai.server.job.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.acai.api.error.AcaiException;
import org.acai.api.job.JobStatus;
import org.acai.server.job.Job;
import org.acai.server.job.exec.JobReporter;
import org.acai.server.job.exec.local.ExitOutcome;
import org.acai.server.job.exec.local.LineSink;
import org.acai.server.job.exec.local.RunningProcess;
import org.acai.server.job.exec.local.Sandbox;
import org.acai.server.job.exec.local.SandboxSpec;
import org.acai.server.job.workspace.CodeArchive;
import org.acai.server.storage.FileVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job beside the server: DOWNLOADING (stage the input set, unpack the code), RUNNING (the
 * command in the sandbox, output captured line by line), UPLOADING (every file under the output
 * path, as the job's own token), then the final status.
 */
public final class JobAgent {
  private static final Logger LOG = LoggerFactory.getLogger(JobAgent.class);

  private final AgentEnvironment environment;
  private final Sandbox sandbox;

  /** Creates an agent that runs commands in {@code sandbox}. */
  public JobAgent(AgentEnvironment environment, Sandbox sandbox) {
    this.environment = environment;
    this.sandbox = sandbox;
  }

  /** Runs the job to its end; every outcome is reported, none is thrown. */
  public void run(Job job, JobReporter reporter, RunControl control) {
    // The job's working dir, and all it keeps there: removed when the job ends.
    Path work = environment.jobsDir().resolve(Long.toString(job.id()));
    try {
      if (job.inputFileSet() == null && job.code() == null) {
        reporter.skipped(JobStatus.DOWNLOADING, "no input or code to stage");
      } else {
        reporter.status(JobStatus.DOWNLOADING, "staging input and code");
      }
      prepare(job, work);
      if (control.killed()) {
        reporter.finished(JobStatus.KILLED, "killed", null);
        return;
      }
      execute(job, work, reporter, control);
    } catch (AcaiException e) {
      reporter.log("[acai] " + e.getMessage());
      reporter.finished(JobStatus.FAILED, e.getMessage(), null);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Job {} failed in the agent", job.id(), e);
      reporter.log("[acai] job failed: " + e);
      reporter.finished(JobStatus.FAILED, "agent error: " + e.getMessage(), null);
    } finally {
      environment.revokeTokens(job);
      deleteTree(work);
    }
  }

  private void prepare(Job job, Path work) throws IOException {
    deleteTree(work);
    Files.createDirectories(work);
    if (job.inputFileSet() != null) {
      for (FileVersion member : environment.inputs(job)) {
        Path target = work.resolve(member.path().relative()).normalize();
        if (!target.startsWith(work)) {
          throw new IOException(
              "Refusing to stage " + member.path() + " outside the working directory");
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = environment.open(member)) {
          Files.copy(in, target);
        }
      }
    }
    if (job.code() != null) {
      try (InputStream zip = environment.open(environment.code(job))) {
        CodeArchive.unpack(zip, work);
      }
    }
  }

  private void execute(Job job, Path work, JobReporter reporter, RunControl control)
      throws IOException {
    if (job.containerImage() != null && !job.containerImage().isBlank()) {
      reporter.log(
          "[acai] image "
              + job.containerImage()
              + " recorded; no container engine here, running in "
              + sandbox.describe());
    }
    TagLines tags = new TagLines();
    LineSink sink =
        (channel, text) -> {
          tags.offer(text);
          reporter.log(text);
        };
    SandboxSpec spec =
        SandboxSpec.of(work, job.command(), "job-" + job.id())
            .withMemoryBytes(job.resources().memoryBytes())
            .withCpuMillis(job.resources().cpuMillis())
            .withEnv(Map.of("ACAI_JOB_ID", Long.toString(job.id()), "HOME", work.toString()));
    if (job.timeoutSeconds() != null) {
      spec = spec.withTimeout(Duration.ofSeconds(job.timeoutSeconds()));
    }
    reporter.status(JobStatus.RUNNING, "started in " + sandbox.describe());
    RunningProcess process = sandbox.start(spec, sink);
    control.attach(process);
    ExitOutcome outcome;
    try {
      outcome = process.await();
    } catch (InterruptedException e) {
      process.kill();
      Thread.currentThread().interrupt();
      reporter.finished(JobStatus.KILLED, "server shutting down", null);
      return;
    }
    finish(job, work, reporter, outcome, tags);
  }

  private void finish(Job job, Path work, JobReporter reporter, ExitOutcome outcome, TagLines tags)
      throws IOException {
    environment.tagJob(job, tags.collected(TagLines.Target.JOB));
    JobStatus status = statusOf(outcome);
    if (status == JobStatus.KILLED) {
      reporter.finished(status, outcome.reason(), outcome.exitCode());
      return;
    }
    // No token and no HTTP client for the many jobs that write nothing.
    if (!OutputUploader.hasFiles(work, job.outputPath())) {
      reporter.skipped(JobStatus.UPLOADING, "no files under ./" + job.outputPath() + "/");
      reporter.log("[acai] no files under ./" + job.outputPath() + "/; no output file set");
    } else {
      reporter.status(JobStatus.UPLOADING, "uploading ./" + job.outputPath() + "/");
      String output =
          new OutputUploader(environment.api(), environment.issueToken(job))
              .upload(work, job.outputPath(), job.outputSetName());
      reporter.outputs(output);
      Map<String, Object> metadata = tags.collected(TagLines.Target.FILESET);
      if (status != JobStatus.FINISHED) {
        metadata.put("partial", true);
      }
      if (!metadata.isEmpty()) {
        environment.tagOutput(job, output, metadata);
      }
    }
    reporter.finished(
        status, status == JobStatus.FINISHED ? "completed" : outcome.reason(), outcome.exitCode());
  }

  private static JobStatus statusOf(ExitOutcome outcome) {
    switch (outcome.kind()) {
      case EXITED:
        return outcome.exitCode() == 0 ? JobStatus.FINISHED : JobStatus.FAILED;
      case KILLED:
      case TIMED_OUT:
        return JobStatus.KILLED;
      default:
        return JobStatus.CONTAINER_CRASHED;
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not delete {}", dir, e);
    }
  }
}
