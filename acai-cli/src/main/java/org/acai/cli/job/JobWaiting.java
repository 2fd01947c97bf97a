package org.acai.cli.job;

import java.time.Duration;
import org.acai.api.job.JobState;
import org.acai.api.job.JobStatus;
import org.acai.cli.CliContext;
import org.acai.cli.UserError;
import org.acai.sdk.JobClient;

/** Waits for a job with a status line and reports how it ended: exit 0 only when FINISHED. */
final class JobWaiting {
  private JobWaiting() {}

  static int await(CliContext context, JobClient jobs, long jobId, Duration timeout) {
    JobState state;
    try (StatusLine line = StatusLine.of(context)) {
      state = jobs.waitFor(jobId, timeout, line::update);
    }
    if (!state.isTerminal()) {
      throw new UserError(
          "Job %d is still %s after %ds", jobId, state.jobStatus(), timeout.toSeconds());
    }
    if (state.jobStatus() != JobStatus.FINISHED) {
      throw new UserError(
          "Job %d %s: %s (see 'acai job logs %d')",
          jobId, state.jobStatus(), state.reason(), jobId);
    }
    context
        .out()
        .printf(
            "Job %d FINISHED%s%n",
            jobId,
            state.outputFileSet() == null
                ? ", no output files"
                : "; output file set " + state.outputFileSet());
    return 0;
  }
}
