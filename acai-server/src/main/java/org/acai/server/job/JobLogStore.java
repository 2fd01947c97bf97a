package org.acai.server.job;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL of job logs: numbered lines, appended in batches. */
final class JobLogStore {
  private final Handle handle;

  JobLogStore(Handle handle) {
    this.handle = handle;
  }

  /** Appends lines after the job's last one, in one statement. */
  void append(long jobId, List<String> lines) {
    handle
        .createUpdate(
            "INSERT INTO job_logs (job_id, line_no, line)"
                + " SELECT :job, next.no + t.n - 1, t.line"
                + " FROM (SELECT coalesce(max(line_no) + 1, 0) AS no FROM job_logs WHERE job_id = :job)"
                + " AS next, unnest(CAST(:lines AS text[])) WITH ORDINALITY AS t(line, n)")
        .bind("job", jobId)
        .bind("lines", lines.toArray(new String[0]))
        .execute();
  }

  List<String> read(long jobId, long fromLine, int limit) {
    return handle
        .createQuery(
            "SELECT line FROM job_logs WHERE job_id = :job AND line_no >= :from ORDER BY line_no LIMIT :limit")
        .bind("job", jobId)
        .bind("from", fromLine)
        .bind("limit", limit)
        .mapTo(String.class)
        .list();
  }
}
