package org.acai.sdk;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.acai.api.error.NoSuchJobException;
import org.acai.api.error.ServiceUnavailableException;
import org.acai.api.job.JobState;
import org.acai.api.job.JobStatus;

/** Polls job states with a growing interval until the jobs end or time runs out. */
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
      if (state.jobStatus() == JobStatus.UNKNOWN) {
        throw new NoSuchJobException("No such job: %d", jobId);
      }
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
      sleep(Math.min(interval, Math.max(1, left / 1_000_000)), "job " + jobId);
      interval = Math.min(MAX_INTERVAL_MILLIS, interval * 3 / 2);
    }
  }

  /** Polls the states of the jobs not ended yet, all in one request, until every one has ended. */
  static List<JobState> awaitAll(JobClient jobs, List<Long> ids, Duration timeout) {
    long deadline = deadline(timeout);
    long interval = FIRST_INTERVAL_MILLIS;
    Map<Long, JobState> latest = new HashMap<>();
    Set<Long> open = new LinkedHashSet<>(ids);
    while (true) {
      Map<Long, JobState> answered = new HashMap<>();
      jobs.states(open).forEach(state -> answered.put(state.id(), state));
      for (long id : open) {
        JobState state = answered.get(id);
        if (state == null || state.jobStatus() == JobStatus.UNKNOWN) {
          throw new NoSuchJobException("No such job: %d", id);
        }
      }
      latest.putAll(answered);
      answered.values().stream()
          .filter(JobState::isTerminal)
          .forEach(state -> open.remove(state.id()));
      long left = deadline - System.nanoTime();
      if (open.isEmpty() || left <= 0) {
        return ids.stream().map(latest::get).toList();
      }
      sleep(Math.min(interval, Math.max(1, left / 1_000_000)), "jobs " + open);
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

  private static void sleep(long millis, String what) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException(e, "Interrupted while waiting for %s", what);
    }
  }
}
