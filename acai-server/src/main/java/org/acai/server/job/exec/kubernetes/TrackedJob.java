package org.acai.server.job.exec.kubernetes;

import java.time.Instant;
import org.acai.api.job.JobStatus;
import org.acai.server.job.Job;
import org.acai.server.job.agent.TagLines;
import org.acai.server.job.exec.JobReporter;

/** What the executor knows about one job it watches; touched by the poll thread only. */
final class TrackedJob {
  final Job job;
  final JobReporter reporter;
  final TagLines tags = new TagLines();
  final Integer logSinceSeconds;
  JobStatus last = JobStatus.LAUNCHING;
  Instant pullFailingSince;
  LogFollower log;
  boolean digestRecorded;

  TrackedJob(Job job, JobReporter reporter, Integer logSinceSeconds) {
    this.job = job;
    this.reporter = reporter;
    this.logSinceSeconds = logSinceSeconds;
  }

  void line(String line) {
    tags.offer(line);
    reporter.log(line);
  }
}
