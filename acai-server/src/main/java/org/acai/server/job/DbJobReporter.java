package org.acai.server.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.acai.api.job.JobStatus;
import org.acai.server.job.exec.JobReporter;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Records an executor's reports: transitions with reasons, log lines, outputs, provenance. Each
 * status change is one statement that also writes the pending log lines and skipped steps (and,
 * when the job starts running, a transaction that also records its inputs' provenance).
 */
final class DbJobReporter implements JobReporter {
  private final Jdbi jdbi;
  private final Job job;
  private final LogWriter log;
  private final Runnable onEnd;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final List<JobStore.Step> skipped = new ArrayList<>();

  DbJobReporter(Jdbi jdbi, Job job, LogFlusher flusher, Runnable onEnd) {
    this.jdbi = jdbi;
    this.job = job;
    // A job past LAUNCHING is one a restarted server took over: its log goes on.
    this.log =
        job.status() == JobStatus.LAUNCHING
            ? new LogWriter(jdbi, job.id(), flusher)
            : LogWriter.resuming(jdbi, job.id(), flusher);
    this.onEnd = onEnd;
  }

  @Override
  public void status(JobStatus status, String reason) {
    record(status, reason, null);
  }

  @Override
  public synchronized void skipped(JobStatus status, String reason) {
    skipped.add(new JobStore.Step(status, reason));
  }

  @Override
  public void log(String line) {
    log.line(line);
  }

  @Override
  public void outputs(String explicitFileSet) {
    jdbi.useTransaction(
        handle -> {
          new JobStore(handle).setOutputFileSet(job.id(), explicitFileSet);
          Provenance.recordOutput(handle, job, explicitFileSet);
        });
  }

  @Override
  public void imageDigest(String digest) {
    jdbi.useHandle(handle -> new JobStore(handle).setImageDigest(job.id(), digest));
  }

  @Override
  public void finished(JobStatus status, String reason, Integer exitCode) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    try {
      record(status, reason, exitCode);
    } finally {
      onEnd.run();
    }
  }

  private synchronized void record(JobStatus status, String reason, Integer exitCode) {
    List<JobStore.Step> steps = new ArrayList<>(skipped);
    steps.add(new JobStore.Step(status, reason));
    skipped.clear();
    // Taken before the transaction: no connection is held while waiting for the log's lock.
    LogWriter.Batch lines = log.drain();
    boolean recordsInputs = status == JobStatus.RUNNING && Provenance.hasInputs(job);
    HandleConsumer<RuntimeException> write =
        handle -> {
          new JobStore(handle).transition(List.of(job.id()), steps, exitCode, lines);
          if (recordsInputs) {
            Provenance.recordInputs(handle, job);
          }
        };
    try {
      // A lone statement is atomic by itself: no transaction, so no extra COMMIT round trip.
      if (!recordsInputs) {
        jdbi.useHandle(write);
      } else {
        jdbi.useTransaction(write);
      }
    } finally {
      log.committed();
    }
  }
}
