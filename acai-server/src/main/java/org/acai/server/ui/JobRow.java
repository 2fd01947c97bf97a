package org.acai.server.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.acai.api.job.JobInfo;

/**
 * One job as the dashboard shows it.
 *
 * @param job the job as the API reports it
 * @param submitter the submitting user's name
 */
public record JobRow(JobInfo job, String submitter) {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  static JobRow of(JobInfo job, Map<Long, String> names) {
    return new JobRow(job, names.getOrDefault(job.creatorId(), "user " + job.creatorId()));
  }

  /** The status, lower case, for the CSS class of its badge. */
  public String statusClass() {
    return "st-" + job.jobStatus().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Submission time, UTC. */
  public String submitted() {
    return time(job.submittedTime());
  }

  /** Time since submission, up to the last change once the job has ended. */
  public String duration() {
    long end = job.jobStatus().isTerminal() ? job.updatedTime() : Instant.now().getEpochSecond();
    long seconds = Math.max(0, end - job.submittedTime());
    return seconds < 60
        ? seconds + " s"
        : seconds < 3600
            ? seconds / 60 + " min " + seconds % 60 + " s"
            : seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
  }

  /** The output file set once created, else empty. */
  public String output() {
    String set = job.outputFileSet();
    return set != null && set.contains(":") ? set : "";
  }

  /** A nullable text as shown ("" for none). */
  public static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  /** A Unix time in seconds as shown, UTC. */
  public static String time(long epochSeconds) {
    return TIME.format(Instant.ofEpochSecond(epochSeconds));
  }
}
