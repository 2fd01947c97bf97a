package org.acai.server.job;

import java.util.List;
import org.acai.api.job.JobLog;
import org.acai.server.auth.Principal;
import org.jdbi.v3.core.Jdbi;

/** Reading job logs, whole or followed from a line on (long poll). Thread-safe. */
public final class JobLogs {
  private static final int PAGE = 2000;
  private static final long FOLLOW_WAIT_MILLIS = 10_000;
  private static final long POLL_MILLIS = 200;

  private final Jdbi jdbi;
  private final JobService jobs;

  JobLogs(Jdbi jdbi, JobService jobs) {
    this.jdbi = jdbi;
    this.jobs = jobs;
  }

  /**
   * The whole log of a job of the caller's project.
   *
   * @throws org.acai.api.error.NoSuchJobException if there is no such job in the project
   */
  public JobLog whole(Principal caller, long jobId) {
    Job job = jobs.job(caller.projectKey(), jobId);
    List<String> lines =
        jdbi.withHandle(handle -> new JobLogStore(handle).read(jobId, 0, Integer.MAX_VALUE));
    return new JobLog(
        jobId, String.join("\n", lines), null, lines.size(), job.status().isTerminal());
  }

  /** Lines from {@code fromLine} on; waits up to 10 s for new ones while the job runs. */
  public JobLog follow(Principal caller, long jobId, long fromLine) throws InterruptedException {
    long deadline = System.currentTimeMillis() + FOLLOW_WAIT_MILLIS;
    while (true) {
      boolean finished = jobs.job(caller.projectKey(), jobId).status().isTerminal();
      List<String> lines =
          jdbi.withHandle(handle -> new JobLogStore(handle).read(jobId, fromLine, PAGE));
      if (!lines.isEmpty() || finished || System.currentTimeMillis() > deadline) {
        boolean done = finished && lines.size() < PAGE;
        return new JobLog(jobId, null, lines, fromLine + lines.size(), done);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
