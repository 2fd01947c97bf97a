package org.acai.server.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.acai.api.job.JobStatus;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** SQL of jobs, their events, logs and provenance, on one handle. */
final class JobStore {
  static final String COLUMNS =
      "id, project_id, creator_id, name, description, input_file_set, code, command, container_image,"
          + " output_path, output_set_name, output_file_set, v_cpu, memory, gpu, cpu_millis, memory_bytes,"
          + " gpus, timeout_seconds, status, reason, exit_code, submitted_at, updated_at";

  // One event per step (:statuses, :reasons) for every row of j, in step order.
  private static final String EVENTS =
      ", e AS (INSERT INTO job_events (job_id, status, reason)"
          + " SELECT j.id, s.status, s.reason FROM j,"
          + " unnest(CAST(:statuses AS text[]), CAST(:reasons AS text[]))"
          + " WITH ORDINALITY AS s(status, reason, n) ORDER BY j.id, s.n)";

  private final Handle handle;

  JobStore(Handle handle) {
    this.handle = handle;
  }

  /**
   * Stores a new QUEUEING job with its first event and its metadata document; returns it as stored.
   * One statement for the row, the event and the document; a job without an output set name gets
   * {@code job_<id>_output}.
   */
  Job insert(Job job) {
    return handle
        .createQuery(
            "WITH n AS (SELECT nextval('jobs_id_seq') AS id),"
                + " j AS (INSERT INTO jobs (id, project_id, creator_id, name, description,"
                + " input_file_set, code, command, container_image, output_path, output_set_name,"
                + " v_cpu, memory, gpu, cpu_millis, memory_bytes, gpus, timeout_seconds, status,"
                + " reason) SELECT n.id, :project, :creator, :name, :description, :input, :code,"
                + " :command, :image, :outputPath,"
                + " coalesce(CAST(:outputSet AS text), 'job_' || n.id || '_output'), :vcpu,"
                + " :memory, :gpu, :cpuMillis, :memoryBytes, :gpus, CAST(:timeout AS integer),"
                + " 'QUEUEING', :reason FROM n RETURNING "
                + COLUMNS
                + "), e AS (INSERT INTO job_events (job_id, status, reason)"
                + " SELECT id, status, reason FROM j)"
                + JobDocs.UPSERT
                + " SELECT "
                + COLUMNS
                + " FROM j")
        .bind("project", job.projectId())
        .bind("creator", job.creatorId())
        .bind("name", job.name())
        .bind("description", job.description())
        .bind("input", job.inputFileSet())
        .bind("code", job.code())
        .bind("command", job.command())
        .bind("image", job.containerImage())
        .bind("outputPath", job.outputPath())
        .bind("outputSet", job.outputSetName())
        .bind("vcpu", job.resources().vCpu())
        .bind("memory", job.resources().memory())
        .bind("gpu", job.resources().gpu())
        .bind("cpuMillis", job.resources().cpuMillis())
        .bind("memoryBytes", job.resources().memoryBytes())
        .bind("gpus", job.resources().gpus())
        .bind("timeout", job.timeoutSeconds())
        .bind("reason", job.reason())
        .map((rs, ctx) -> map(rs))
        .one();
  }

  Optional<Job> find(long project, long id) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM jobs WHERE project_id = :project AND id = :id AND deletion_id IS NULL")
        .bind("project", project)
        .bind("id", id)
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  /** Those of {@code ids} that are jobs of the project, by id. */
  Map<Long, Job> findAll(long project, List<Long> ids) {
    Map<Long, Job> found = new HashMap<>();
    handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM jobs WHERE project_id = :project AND id = ANY(CAST(:ids AS bigint[]))"
                + " AND deletion_id IS NULL")
        .bind("project", project)
        .bind("ids", ids.toArray(new Long[0]))
        .map((rs, ctx) -> map(rs))
        .forEach(job -> found.put(job.id(), job));
    return found;
  }

  Optional<Job> findAny(long id) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM jobs WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  List<Job> list(long project) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM jobs WHERE project_id = :project AND deletion_id IS NULL ORDER BY id")
        .bind("project", project)
        .map((rs, ctx) -> map(rs))
        .list();
  }

  /**
   * What one claim launched, oldest first, and the first queued job that did not fit (or null).
   *
   * @param launched the jobs now LAUNCHING
   * @param blocked the job that stopped the claim, still QUEUEING
   */
  record Claim(List<Job> launched, Job blocked) {}

  /**
   * Claims the oldest queued jobs, at most {@code limit}, skipping those another replica holds, and
   * moves them to LAUNCHING (with their events and documents) in order for as long as together they
   * fit in {@code cpuFree} and {@code memoryFree}; the first that does not fit stops the claim and
   * keeps its place. One statement.
   */
  Claim claim(int limit, long cpuFree, long memoryFree, String reason) {
    record Row(Job job, boolean fits) {}
    List<Row> rows =
        handle
            .createQuery(
                "WITH q AS (SELECT id, cpu_millis, memory_bytes FROM jobs WHERE status = 'QUEUEING'"
                    + " AND launched_at IS NULL ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED),"
                    + " c AS (SELECT id, sum(cpu_millis) OVER w <= :cpuFree"
                    + " AND sum(memory_bytes) OVER w <= :memoryFree AS fits"
                    + " FROM q WINDOW w AS (ORDER BY id)),"
                    + " j AS (UPDATE jobs SET status = 'LAUNCHING', reason = :reason, updated_at = now(),"
                    + " launched_at = now()"
                    + " WHERE id IN (SELECT id FROM c WHERE fits) RETURNING "
                    + COLUMNS
                    + ")"
                    + EVENTS
                    + JobDocs.UPSERT
                    + " SELECT "
                    + COLUMNS
                    + ", true AS fits FROM j UNION ALL SELECT "
                    + COLUMNS
                    + ", false FROM jobs WHERE id = (SELECT min(id) FROM c WHERE NOT fits)"
                    + " ORDER BY fits DESC, id")
            .bind("limit", limit)
            .bind("cpuFree", cpuFree)
            .bind("memoryFree", memoryFree)
            .bind("reason", reason)
            .bind("statuses", new String[] {JobStatus.LAUNCHING.name()})
            .bind("reasons", new String[] {reason})
            .map((rs, ctx) -> new Row(map(rs), rs.getBoolean("fits")))
            .list();
    return new Claim(
        rows.stream().filter(Row::fits).map(Row::job).toList(),
        rows.stream().filter(row -> !row.fits()).map(Row::job).findFirst().orElse(null));
  }

  List<Job> withStatus(List<String> statuses) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM jobs WHERE status IN (<statuses>) ORDER BY id")
        .bindList("statuses", statuses)
        .map((rs, ctx) -> map(rs))
        .list();
  }

  /** Moves a job to a status unless it already ended; returns whether it moved. */
  boolean transition(long id, JobStatus status, String reason, Integer exitCode) {
    return !transition(List.of(id), List.of(new Step(status, reason)), exitCode).isEmpty();
  }

  /** {@link #transition(List, List, Integer, LogWriter.Batch)} with no log lines. */
  List<Job> transition(List<Long> ids, List<Step> steps, Integer exitCode) {
    return transition(ids, steps, exitCode, LogWriter.Batch.NONE);
  }

  /**
   * Moves jobs that have not ended yet through {@code steps}: they end in the last step's status,
   * with one event per step, and their metadata documents follow; {@code logs} are appended whether
   * or not a job moved. All in one statement.
   *
   * @return the jobs that moved, as they are now
   */
  List<Job> transition(List<Long> ids, List<Step> steps, Integer exitCode, LogWriter.Batch logs) {
    if (ids.isEmpty()) {
      logs.append(handle);
      return List.of();
    }
    Step last = steps.get(steps.size() - 1);
    Query query =
        handle
            .createQuery(
                "WITH j AS (UPDATE jobs SET status = :status, reason = :reason,"
                    + " exit_code = coalesce(CAST(:exit AS integer), exit_code), updated_at = now()"
                    + " WHERE id = ANY(CAST(:ids AS bigint[]))"
                    + " AND status NOT IN ('FINISHED', 'FAILED', 'KILLED', 'CONTAINER_CRASHED')"
                    + " RETURNING "
                    + COLUMNS
                    + ")"
                    + EVENTS
                    + JobDocs.UPSERT
                    + logs.withClause()
                    + " SELECT "
                    + COLUMNS
                    + " FROM j ORDER BY id")
            .bind("ids", ids.toArray(new Long[0]))
            .bind("status", last.status().name())
            .bind("reason", last.reason())
            .bind("exit", exitCode)
            .bind(
                "statuses", steps.stream().map(step -> step.status().name()).toArray(String[]::new))
            .bind("reasons", steps.stream().map(Step::reason).toArray(String[]::new));
    return logs.bind(query).map((rs, ctx) -> map(rs)).list();
  }

  void updateReason(long id, String reason) {
    handle
        .createUpdate(
            "UPDATE jobs SET reason = :reason WHERE id = :id AND reason IS DISTINCT FROM :reason")
        .bind("id", id)
        .bind("reason", reason)
        .execute();
  }

  void setOutputFileSet(long id, String explicitId) {
    handle
        .createQuery(
            "WITH j AS (UPDATE jobs SET output_file_set = :set WHERE id = :id RETURNING "
                + COLUMNS
                + ")"
                + JobDocs.UPSERT
                + " SELECT count(*) FROM j")
        .bind("id", id)
        .bind("set", explicitId)
        .mapTo(Integer.class)
        .one();
  }

  /**
   * Jobs an executor was given and that have not ended: active ones, and those waiting again in the
   * executor (a pod waiting for a node is QUEUEING).
   */
  List<Job> launchedLive(List<String> active) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM jobs WHERE status IN (<statuses>)"
                + " OR (status = 'QUEUEING' AND launched_at IS NOT NULL) ORDER BY id")
        .bindList("statuses", active)
        .map((rs, ctx) -> map(rs))
        .list();
  }

  /** Whether a scheduler handed the job to its executor. */
  boolean isLaunched(long id) {
    return handle
        .createQuery("SELECT launched_at IS NOT NULL FROM jobs WHERE id = :id")
        .bind("id", id)
        .mapTo(Boolean.class)
        .findOne()
        .orElse(false);
  }

  void requestKill(long id) {
    handle
        .createUpdate("UPDATE jobs SET kill_requested = true WHERE id = :id")
        .bind("id", id)
        .execute();
  }

  List<String> events(long id) {
    return handle
        .createQuery(
            "SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') || ' ' || status"
                + " || coalesce(': ' || reason, '') FROM job_events WHERE job_id = :id ORDER BY at")
        .bind("id", id)
        .mapTo(String.class)
        .list();
  }

  /**
   * One status a job passes through.
   *
   * @param status the status
   * @param reason why, for humans
   */
  record Step(JobStatus status, String reason) {}

  static Job map(ResultSet rs) throws SQLException {
    return new Job(
        rs.getLong("id"),
        rs.getLong("project_id"),
        rs.getLong("creator_id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("input_file_set"),
        rs.getString("code"),
        rs.getString("command"),
        rs.getString("container_image"),
        rs.getString("output_path"),
        rs.getString("output_set_name"),
        rs.getString("output_file_set"),
        new Resources(
            rs.getString("v_cpu"),
            rs.getString("memory"),
            rs.getString("gpu"),
            rs.getLong("cpu_millis"),
            rs.getLong("memory_bytes"),
            rs.getInt("gpus")),
        (Integer) rs.getObject("timeout_seconds"),
        JobStatus.valueOf(rs.getString("status")),
        rs.getString("reason"),
        (Integer) rs.getObject("exit_code"),
        rs.getTimestamp("submitted_at").getTime(),
        rs.getTimestamp("updated_at").getTime());
  }
}
