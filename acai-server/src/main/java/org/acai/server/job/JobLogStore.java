package org.acai.server.job;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL of job logs: numbered lines, appended in batches. */
final class JobLogStore {
  private final Handle handle;

  JobLogStore(Handle handle) {
    this.handle = handle;
  }

  void append(long jobId, long firstLine, List<String> lines) {
    var batch =
        handle.prepareBatch(
            "INSERT INTO job_logs (job_id, line_no, line) VALUES (:job, :no, :line)");
    long number = firstLine;
    for (String line : lines) {
      batch.bind("job", jobId).bind("no", number++).bind("line", line).add();
    }
    batch.execute();
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

  long count(long jobId) {
    return handle
        .createQuery("SELECT coalesce(max(line_no) + 1, 0) FROM job_logs WHERE job_id = :job")
        .bind("job", jobId)
        .mapTo(Long.class)
        .one();
  }
}
