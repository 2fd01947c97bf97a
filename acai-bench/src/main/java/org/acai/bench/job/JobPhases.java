package org.acai.bench.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.acai.api.job.JobState;
import org.acai.api.job.JobStatus;
import org.acai.sdk.JobClient;

/**
 * Where a job's time goes, read from its status history ({@code 2026-...Z RUNNING: reason}): the
 * time from submission (QUEUEING) to each later status.
 */
public final class JobPhases {
  private static final List<JobStatus> ORDER =
      List.of(
          JobStatus.QUEUEING,
          JobStatus.LAUNCHING,
          JobStatus.DOWNLOADING,
          JobStatus.RUNNING,
          JobStatus.UPLOADING,
          JobStatus.FINISHED);

  private final Map<JobStatus, List<Double>> steps = new EnumMap<>(JobStatus.class);
  private final List<Double> toRunning = new ArrayList<>();
  private String runningReason = "";
  private long lastEndMillis;

  /** Adds one job's history. */
  public void add(List<String> history) {
    Map<JobStatus, Instant> at = new EnumMap<>(JobStatus.class);
    for (String line : history) {
      String[] parts = line.split(" ", 3);
      JobStatus status = JobStatus.parse(parts[1]);
      at.putIfAbsent(status, Instant.parse(parts[0]));
      if (status.isTerminal()) {
        lastEndMillis = Math.max(lastEndMillis, Instant.parse(parts[0]).toEpochMilli());
      }
      if (status == JobStatus.RUNNING && parts.length > 2) {
        runningReason = parts[2];
      }
    }
    Instant submitted = at.get(JobStatus.QUEUEING);
    if (at.containsKey(JobStatus.RUNNING)) {
      toRunning.add(millis(submitted, at.get(JobStatus.RUNNING)));
    }
    for (int i = 1; i < ORDER.size(); i++) {
      Instant from = at.get(ORDER.get(i - 1));
      Instant to = at.get(ORDER.get(i));
      if (from != null && to != null) {
        steps.computeIfAbsent(ORDER.get(i), status -> new ArrayList<>()).add(millis(from, to));
      }
    }
  }

  /** When the last of the jobs ended, as the server recorded it (epoch milliseconds). */
  public long lastEndMillis() {
    return lastEndMillis;
  }

  /** Submission to RUNNING at a percentile, in milliseconds. */
  public double submitToRunning(double fraction) {
    return Stats.percentile(toRunning, fraction);
  }

  /** The median time from the status before {@code status} to it, in milliseconds. */
  public double phase(JobStatus status) {
    return Stats.percentile(steps.getOrDefault(status, List.of()), 0.5);
  }

  /** Why the jobs ran where they ran, e.g. "started in bubblewrap ...". */
  public String runningReason() {
    return runningReason;
  }

  /** One row per phase: the median time from the previous status to this one. */
  public void phaseRows(Table table) {
    for (int i = 1; i < ORDER.size(); i++) {
      table.row("  p50 " + ORDER.get(i - 1) + "->" + ORDER.get(i), phase(ORDER.get(i)), "");
    }
  }

  /** Polls quickly until the job has ended. */
  public static void awaitEnd(JobClient jobs, long id) throws InterruptedException {
    while (!jobs.status(id).isTerminal()) {
      Thread.sleep(2);
    }
  }

  /**
   * Waits until every one of {@code ids} has ended, asking for the states of those still running in
   * one request every 20 ms. The end time itself comes from the jobs' histories.
   */
  public static void awaitAll(JobClient jobs, List<Long> ids) throws InterruptedException {
    Set<Long> open = new HashSet<>(ids);
    while (true) {
      jobs.states(open).stream()
          .filter(JobState::isTerminal)
          .forEach(state -> open.remove(state.id()));
      if (open.isEmpty()) {
        return;
      }
      Thread.sleep(20);
    }
  }

  private static double millis(Instant from, Instant to) {
    return (to.toEpochMilli() - from.toEpochMilli()) * 1.0;
  }
}
