package org.acai.sdk;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.acai.api.error.ServiceUnavailableException;
import org.acai.api.job.JobState;

/** Polls a job's state with a growing interval until it ends or time runs out. */
final class JobWaiter {
  private static final long FIRST_INTERVAL_MILLIS = 200;
  private static final long MAX_INTERVAL_MILLIS = 2000;

  private final JobClient jobs;
  private final long jobId;

  JobWaiter(JobClient jobs, long jobId) {
    this.jobs = jobs;
    this.jobId = jobId;
  }

  JobState await(Duration timeout, Consumer<JobState> onChange) {
    long deadline = deadline(timeout);
    long interval = FIRST_INTERVAL_MILLIS;
    JobState last = null;
    while (true) {
      JobState state = jobs.state(jobId);
      if (last == null
          || state.jobStatus() != last.jobStatus()
          || !Objects.equals(state.reason(), last.reason())) {
        onChange.accept(state);
      }
      last = state;
      long left = deadline - System.nanoTime();
      if (state.isTerminal() || left <= 0) {
        return state;
      }
      sleep(Math.min(interval, Math.max(1, left / 1_000_000)));
      interval = Math.min(MAX_INTERVAL_MILLIS, interval * 3 / 2);
    }
  }

  private static long deadline(Duration timeout) {
    if (timeout == null) {
      return Long.MAX_VALUE;
    }
    try {
      return Math.addExact(System.nanoTime(), timeout.toNanos());
    } catch (ArithmeticException longerThanCenturies) {
      return Long.MAX_VALUE;
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException(e, "Interrupted while waiting for job %d", jobId);
    }
  }
}
