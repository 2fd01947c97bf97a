package org.acai.cli.job;

import java.time.Duration;
import java.util.List;
import org.acai.api.job.JobState;
import org.acai.api.job.JobStatus;
import org.acai.cli.CliContext;
import org.acai.cli.UserError;
import org.acai.sdk.JobClient;

/** Waits for jobs and reports how they ended: exit 0 only when every one FINISHED. */
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
    context.out().println(describe(state));
    return 0;
  }

  /** Waits for several jobs at once (one status request per poll), then lists how each ended. */
  static int awaitAll(CliContext context, JobClient jobs, List<Long> jobIds, Duration timeout) {
    List<JobState> states = jobs.waitForAll(jobIds, timeout);
    List<String> open =
        states.stream().filter(s -> !s.isTerminal()).map(s -> Long.toString(s.id())).toList();
    if (!open.isEmpty()) {
      throw new UserError(
          "Jobs %s have not ended after %ds", String.join(", ", open), timeout.toSeconds());
    }
    states.forEach(state -> context.out().println(describe(state)));
    long unfinished = states.stream().filter(s -> s.jobStatus() != JobStatus.FINISHED).count();
    if (unfinished > 0) {
      throw new UserError(
          "%d of %d jobs did not finish (see 'acai job logs ID')", unfinished, states.size());
    }
    return 0;
  }

  private static String describe(JobState state) {
    if (state.jobStatus() != JobStatus.FINISHED) {
      return String.format("Job %d %s: %s", state.id(), state.jobStatus(), state.reason());
    }
    return String.format(
        "Job %d FINISHED%s",
        state.id(),
        state.outputFileSet() == null
            ? ", no output files"
            : "; output file set " + state.outputFileSet());
  }
}
