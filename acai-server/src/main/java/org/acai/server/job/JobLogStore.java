package org.acai.server.job;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL of job logs: numbered lines, appended in batches. */
final class JobLogStore {
  /** Inserts lines {@code :lines} of job {@code :job} numbered from {@code :first}. */
  static final String INSERT_LINES =
      "INSERT INTO job_logs (job_id, line_no, line)"
          + " SELECT :job, :first + t.n - 1, t.line"
          + " FROM unnest(CAST(:lines AS text[])) WITH ORDINALITY AS t(line, n)";

  private final Handle handle;

  JobLogStore(Handle handle) {
    this.handle = handle;
  }

  /** Stores lines numbered from {@code firstLine}, in one statement. */
  void append(long jobId, long firstLine, List<String> lines) {
    handle
        .createUpdate(INSERT_LINES)
        .bind("job", jobId)
        .bind("first", firstLine)
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
