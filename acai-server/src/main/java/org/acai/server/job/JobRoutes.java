package org.acai.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobStatus;
import org.acai.api.job.JobSubmission;
import org.acai.server.auth.Principal;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Caller;
import org.acai.server.http.Requests;
import org.acai.server.http.Router;

/**
 * {@code /job_registry/*}, {@code /job_monitor/*}, {@code /log_server/*}, {@code /provenance/*}.
 */
public final class JobRoutes implements ApiRoutes {
  private final JobService jobs;
  private final JobLogs logs;
  private final Lineage lineage;
  private final Caller caller;

  JobRoutes(JobService jobs, JobLogs logs, Lineage lineage, Caller caller) {
    this.jobs = jobs;
    this.logs = logs;
    this.lineage = lineage;
    this.caller = caller;
  }

  @Override
  public void register(Router router) {
    router
        .post("/job_registry/new_job", this::newJob)
        .get(
            "/job_registry/job",
            ctx -> ctx.json(jobs.find(member(ctx), Requests.queryLong(ctx, "job_id"))))
        .get("/job_registry/jobs", ctx -> ctx.json(jobs.list(member(ctx))))
        .post(
            "/job_registry/kill_job",
            ctx -> ctx.json(jobs.kill(member(ctx), jobId(Requests.body(ctx).get("job_id")))))
        .get(
            "/job_registry/job_history",
            ctx -> ctx.json(jobs.history(member(ctx), Requests.queryLong(ctx, "job_id"))))
        .post("/job_monitor/job_status", this::status)
        .get(
            "/log_server/get_job_log",
            ctx -> ctx.json(logs.whole(member(ctx), Requests.queryLong(ctx, "job_id"))))
        .get("/log_server/follow_job_log", this::follow)
        .get("/provenance/lineage", this::lineage);
  }

  private Principal member(Context ctx) {
    return caller.member(ctx);
  }

  private void newJob(Context ctx) {
    Principal principal = member(ctx);
    JobSubmission submission = Requests.body(ctx, JobSubmission.class);
    ctx.json(Map.of("job", jobs.submit(principal, submission)));
  }

  /**
   * The states of the listed jobs, in the order asked, in one query. The original client asks for
   * one id and reads element 0; an id that is no job of the project (never was, was deleted, or
   * belongs to another project) reads UNKNOWN, as the original SDK's {@code JobStatus} documents.
   */
  private void status(Context ctx) {
    Principal principal = member(ctx);
    JsonNode ids = Requests.body(ctx).get("ids");
    if (ids == null || !ids.isArray()) {
      throw new InvalidRequestException("Invalid ids: expected a list of job ids");
    }
    List<Long> wanted = new ArrayList<>();
    ids.forEach(id -> wanted.add(jobId(id)));
    Map<Long, JobInfo> found = new HashMap<>();
    jobs.findAll(principal, wanted).forEach(job -> found.put(job.id(), job));
    List<Map<String, Object>> statuses = new ArrayList<>();
    for (long id : wanted) {
      JobInfo job = found.get(id);
      if (job == null) {
        Map<String, Object> unknown = new LinkedHashMap<>();
        unknown.put("id", id);
        unknown.put("job_status", JobStatus.UNKNOWN.name());
        unknown.put("output_file_set", null);
        unknown.put("reason", "no such job");
        unknown.put("exit_code", null);
        statuses.add(unknown);
        continue;
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", job.id());
      entry.put("job_status", job.jobStatus().name());
      entry.put(
          "output_file_set",
          job.outputFileSet() != null && job.outputFileSet().contains(":")
              ? job.outputFileSet()
              : null);
      entry.put("reason", job.reason());
      entry.put("exit_code", job.exitCode());
      statuses.add(entry);
    }
    ctx.json(statuses);
  }

  private void follow(Context ctx) throws InterruptedException {
    Principal principal = member(ctx);
    String from = ctx.queryParam("from_line");
    long fromLine;
    try {
      fromLine = from == null ? 0 : Long.parseLong(from);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("Invalid from_line: %s", from);
    }
    long jobId = Requests.queryLong(ctx, "job_id");
    ctx.json(
        caller.limited(principal, "log follows", () -> logs.follow(principal, jobId, fromLine)));
  }

  private void lineage(Context ctx) {
    Principal principal = member(ctx);
    String depth = ctx.queryParam("depth");
    int limit = depth == null ? Lineage.DEFAULT_DEPTH : (int) Requests.queryLong(ctx, "depth");
    String jobId = ctx.queryParam("job_id");
    String fileSet = ctx.queryParam("file_set");
    if ((jobId == null) == (fileSet == null)) {
      throw new InvalidRequestException("Give exactly one of job_id and file_set");
    }
    ctx.json(
        jobId != null
            ? lineage.ofJob(principal, Requests.queryLong(ctx, "job_id"), limit)
            : lineage.ofFileSet(principal, fileSet, limit));
  }

  static long jobId(JsonNode node) {
    if (node == null
        || !(node.isIntegralNumber() || (node.isTextual() && node.asText().matches("\\d{1,18}")))) {
      throw new InvalidRequestException("Invalid job_id: %s (expected an integer)", node);
    }
    return node.asLong();
  }
}
