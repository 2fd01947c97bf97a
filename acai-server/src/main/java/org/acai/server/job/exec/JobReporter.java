package org.acai.server.job.exec;

import org.acai.api.job.JobStatus;

/** How an executor tells the server what its job is doing. Implementations are thread-safe. */
public interface JobReporter {
  /** A step began, e.g. DOWNLOADING; ignored once the job ended. */
  void status(JobStatus status, String reason);

  /**
   * A step had nothing to do, e.g. DOWNLOADING without input or code: it is recorded in the history
   * together with the next status change, saving a write of its own.
   */
  void skipped(JobStatus status, String reason);

  /** One line of the job's output. */
  void log(String line);

  /** Records the content digest ({@code sha256:...}) of the image the job runs in. */
  void imageDigest(String digest);

  /** The output file set was created (explicit {@code name:N}). */
  void outputs(String explicitFileSet);

  /** The job ended; called exactly once. */
  void finished(JobStatus status, String reason, Integer exitCode);
}
