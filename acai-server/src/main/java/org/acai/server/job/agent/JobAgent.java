package org.acai.server.job.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.acai.api.error.AcaiException;
import org.acai.api.job.JobStatus;
import org.acai.server.job.Job;
import org.acai.server.job.exec.CommandRunner;
import org.acai.server.job.exec.ExitOutcome;
import org.acai.server.job.exec.JobReporter;
import org.acai.server.job.exec.JobRun;
import org.acai.server.job.exec.JobUser;
import org.acai.server.job.exec.JobUsers;
import org.acai.server.job.exec.LineSink;
import org.acai.server.job.exec.RunHandle;
import org.acai.server.job.workspace.CodeArchive;
import org.acai.server.job.workspace.CodeLimits;
import org.acai.server.storage.FileVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job beside the server: DOWNLOADING (stage the input set, unpack the code, hand the work
 * dir to the job's own uid), RUNNING (the command through the {@link CommandRunner}, output
 * captured line by line), UPLOADING (the regular files under the output path, read without
 * following links, as the job's own token), then the final status.
 */
public final class JobAgent {
  private static final Logger LOG = LoggerFactory.getLogger(JobAgent.class);

  private final AgentEnvironment environment;
  private final CommandRunner runner;
  private final JobUsers users;
  private final CodeLimits codeLimits;

  /**
   * Creates an agent that runs commands through {@code runner}, each job as its own uid, unpacking
   * code archives within {@code codeLimits}.
   */
  public JobAgent(
      AgentEnvironment environment, CommandRunner runner, JobUsers users, CodeLimits codeLimits) {
    this.environment = environment;
    this.runner = runner;
    this.users = users;
    this.codeLimits = codeLimits;
  }

  /** Runs the job to its end; every outcome is reported, none is thrown. */
  public void run(Job job, JobReporter reporter, RunControl control) {
    // The job's working dir, and all it keeps there: removed when the job ends.
    Path work = environment.jobsDir().resolve(Long.toString(job.id()));
    JobUser user = null;
    try {
      user = runner.switchesUsers() ? users.acquire() : users.server();
      if (job.inputFileSet() == null && job.code() == null) {
        reporter.skipped(JobStatus.DOWNLOADING, "no input or code to stage");
      } else {
        reporter.status(JobStatus.DOWNLOADING, "staging input and code");
      }
      prepare(job, work, user);
      if (control.killed()) {
        reporter.finished(JobStatus.KILLED, "killed", null);
        return;
      }
      execute(job, work, user, reporter, control);
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
      if (user != null) {
        users.release(user);
      }
    }
  }

  private void prepare(Job job, Path work, JobUser user) throws IOException {
    deleteTree(work);
    Files.createDirectories(
        work.getParent(),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.createDirectory(work);
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
        CodeArchive.unpack(zip, work, codeLimits);
      }
    }
    handOver(work, user);
  }

  /** Gives the work dir and all staged in it to the job's uid, private to it. */
  private static void handOver(Path work, JobUser user) throws IOException {
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
    if (!user.dedicated()) {
      return;
    }
    try (Stream<Path> paths = Files.walk(work)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Files.setAttribute(path, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
      }
    }
  }

  private void execute(Job job, Path work, JobUser user, JobReporter reporter, RunControl control)
      throws IOException {
    if (!runner.runsImages() && job.containerImage() != null && !job.containerImage().isBlank()) {
      reporter.log(
          "[acai] image "
              + job.containerImage()
              + " recorded; no container engine here, running in "
              + runner.describe());
    }
    TagLines tags = new TagLines();
    LineSink sink =
        (channel, text) -> {
          tags.offer(text);
          reporter.log(text);
        };
    JobRun run =
        new JobRun(
            job.id(),
            work,
            job.command(),
            job.containerImage(),
            Map.of("ACAI_JOB_ID", Long.toString(job.id())),
            job.resources().memoryBytes(),
            job.resources().cpuMillis(),
            job.resources().gpus(),
            job.timeoutSeconds() == null ? null : Duration.ofSeconds(job.timeoutSeconds()),
            user);
    reporter.status(JobStatus.RUNNING, "started in " + runner.describe());
    RunHandle process = runner.start(run, sink);
    process.imageDigest().ifPresent(reporter::imageDigest);
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
    finish(job, work, user, reporter, outcome, tags);
  }

  private void finish(
      Job job, Path work, JobUser user, JobReporter reporter, ExitOutcome outcome, TagLines tags)
      throws IOException {
    environment.tagJob(job, tags.collected(TagLines.Target.JOB));
    JobStatus status = statusOf(outcome);
    if (status == JobStatus.KILLED) {
      reporter.finished(status, outcome.reason(), outcome.exitCode());
      return;
    }
    List<OutputFiles.Entry> files =
        OutputFiles.collect(work.toRealPath(), job.outputPath(), user, reporter::log);
    // No token and no HTTP client for the many jobs that write nothing.
    if (files.isEmpty()) {
      reporter.skipped(JobStatus.UPLOADING, "no files under ./" + job.outputPath() + "/");
      reporter.log("[acai] no files under ./" + job.outputPath() + "/; no output file set");
    } else {
      reporter.status(JobStatus.UPLOADING, "uploading ./" + job.outputPath() + "/");
      String output =
          new OutputUploader(environment.api(), environment.issueToken(job))
              .upload(files, job.outputSetName());
      reporter.outputs(output);
      Map<String, Object> metadata = new LinkedHashMap<>(tags.collected(TagLines.Target.FILESET));
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
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not delete {}", dir, e);
    }
  }
}
