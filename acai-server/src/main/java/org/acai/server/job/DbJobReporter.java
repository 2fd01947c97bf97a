package org.acai.server.job;

import java.util.concurrent.atomic.AtomicBoolean;
import org.acai.api.job.JobStatus;
import org.acai.server.job.exec.JobReporter;
import org.jdbi.v3.core.Jdbi;

/** Records an executor's reports: transitions with reasons, log lines, outputs, provenance. */
final class DbJobReporter implements JobReporter {
  private final Jdbi jdbi;
  private final Job job;
  private final LogWriter log;
  private final Runnable onEnd;
  private final AtomicBoolean ended = new AtomicBoolean();

  DbJobReporter(Jdbi jdbi, Job job, Runnable onEnd) {
    this.jdbi = jdbi;
    this.job = job;
    this.log = new LogWriter(jdbi, job.id());
    this.onEnd = onEnd;
  }

  @Override
  public void status(JobStatus status, String reason) {
    log.flush();
    jdbi.useTransaction(handle -> new JobStore(handle).transition(job.id(), status, reason, null));
    if (status == JobStatus.RUNNING) {
      jdbi.useHandle(handle -> Provenance.recordInputs(handle, job));
    }
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
  public void finished(JobStatus status, String reason, Integer exitCode) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    try {
      log.flush();
      jdbi.useTransaction(
          handle -> new JobStore(handle).transition(job.id(), status, reason, exitCode));
    } finally {
      onEnd.run();
    }
  }
}
