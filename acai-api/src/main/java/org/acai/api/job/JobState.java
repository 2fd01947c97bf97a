package org.acai.api.job;

/**
 * One element of {@code POST /job_monitor/job_status}: a job's status with why it is there.
 *
 * @param id the job
 * @param jobStatus current status
 * @param outputFileSet the output file set as an explicit {@code name:N} once it exists, else null
 * @param reason why the job is in its status, e.g. "exit code 3"; may be null
 * @param exitCode the command's exit code, once known
 */
public record JobState(
    long id, JobStatus jobStatus, String outputFileSet, String reason, Integer exitCode) {
  /** The most job ids one status request may name; the server refuses more with a 400. */
  public static final int MAX_IDS_PER_REQUEST = 1000;

  /** Whether the job can no longer change. */
  public boolean isTerminal() {
    return jobStatus.isTerminal();
  }
}
