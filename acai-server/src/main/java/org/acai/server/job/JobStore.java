package org.acai.server.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.acai.api.job.JobStatus;
import org.jdbi.v3.core.Handle;

/** SQL of jobs, their events, logs and provenance, on one handle. */
final class JobStore {
  private static final String COLUMNS =
      "id, project_id, creator_id, name, description, input_file_set, code, command, container_image,"
          + " output_path, output_set_name, output_file_set, v_cpu, memory, gpu, cpu_millis, memory_bytes,"
          + " gpus, timeout_seconds, status, reason, exit_code, submitted_at, updated_at";

  private final Handle handle;

  JobStore(Handle handle) {
    this.handle = handle;
  }

  long insert(Job job) {
    long id =
        handle
            .createQuery(
                "INSERT INTO jobs (project_id, creator_id, name, description, input_file_set, code, command,"
                    + " container_image, output_path, output_set_name, v_cpu, memory, gpu, cpu_millis,"
                    + " memory_bytes, gpus, timeout_seconds, status, reason) VALUES (:project, :creator,"
                    + " :name, :description, :input, :code, :command, :image, :outputPath, :outputSet,"
                    + " :vcpu, :memory, :gpu, :cpuMillis, :memoryBytes, :gpus, :timeout, 'QUEUEING', :reason)"
                    + " RETURNING id")
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
            .mapTo(Long.class)
            .one();
    event(id, JobStatus.QUEUEING, job.reason());
    syncMeta(id);
    return id;
  }

  /** Writes the job's system metadata fields from its row. */
  void syncMeta(long id) {
    findAny(id).ifPresent(job -> JobDocs.write(handle, job));
  }

  void setOutputSetName(long id, String name) {
    handle
        .createUpdate("UPDATE jobs SET output_set_name = :name WHERE id = :id")
        .bind("id", id)
        .bind("name", name)
        .execute();
  }

  Optional<Job> find(long project, long id) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM jobs WHERE project_id = :project AND id = :id")
        .bind("project", project)
        .bind("id", id)
        .map((rs, ctx) -> map(rs))
        .findOne();
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
        .createQuery("SELECT " + COLUMNS + " FROM jobs WHERE project_id = :project ORDER BY id")
        .bind("project", project)
        .map((rs, ctx) -> map(rs))
        .list();
  }

  /** The oldest queued job, locked so that no other replica claims it. */
  Optional<Job> claimNext() {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM jobs WHERE status = 'QUEUEING' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")
        .map((rs, ctx) -> map(rs))
        .findOne();
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
    int changed =
        handle
            .createUpdate(
                "UPDATE jobs SET status = :status, reason = :reason, exit_code = coalesce(:exit, exit_code),"
                    + " updated_at = now() WHERE id = :id"
                    + " AND status NOT IN ('FINISHED', 'FAILED', 'KILLED', 'CONTAINER_CRASHED')")
            .bind("id", id)
            .bind("status", status.name())
            .bind("reason", reason)
            .bind("exit", exitCode)
            .execute();
    if (changed > 0) {
      event(id, status, reason);
      syncMeta(id);
    }
    return changed > 0;
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
        .createUpdate("UPDATE jobs SET output_file_set = :set WHERE id = :id")
        .bind("id", id)
        .bind("set", explicitId)
        .execute();
    syncMeta(id);
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

  private void event(long id, JobStatus status, String reason) {
    handle
        .createUpdate(
            "INSERT INTO job_events (job_id, status, reason) VALUES (:id, :status, :reason)")
        .bind("id", id)
        .bind("status", status.name())
        .bind("reason", reason)
        .execute();
  }

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
