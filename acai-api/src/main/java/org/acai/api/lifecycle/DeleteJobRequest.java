package org.acai.api.lifecycle;

/**
 * A request to delete a job that has ended: its record, log and events go to the trash.
 *
 * @param jobId the job
 * @param withOutput whether its output file set goes too (kept otherwise)
 * @param dryRun whether only to check and count
 */
public record DeleteJobRequest(long jobId, Boolean withOutput, Boolean dryRun) {
  /** Flags left out of the request are false. */
  public DeleteJobRequest {
    withOutput = Boolean.TRUE.equals(withOutput);
    dryRun = Boolean.TRUE.equals(dryRun);
  }
}
