package org.acai.server.ui;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.acai.api.error.NoSuchJobException;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobLog;
import org.acai.server.auth.CredentialService;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Router;
import org.acai.server.job.JobLogs;
import org.acai.server.job.JobService;

/**
 * {@code /ui/jobs/{id}}: a job's attributes, resources, timeline and log; its live feed (JSON the
 * page's script polls) and the kill action. Every read goes through the job service's project
 * scoping: another project's job is a 404.
 */
final class JobPage implements ApiRoutes {
  private final JobService jobs;
  private final JobLogs logs;
  private final CredentialService credentials;
  private final UiGuard guard;
  private final Pages pages;

  JobPage(
      JobService jobs, JobLogs logs, CredentialService credentials, UiGuard guard, Pages pages) {
    this.jobs = jobs;
    this.logs = logs;
    this.credentials = credentials;
    this.guard = guard;
    this.pages = pages;
  }

  @Override
  public void register(Router router) {
    router
        .get("/ui/jobs/{id}", guard.member(this::show))
        .get("/ui/jobs/{id}/live", guard.member(this::live))
        .post("/ui/jobs/{id}/kill", guard.member(this::kill));
  }

  static long jobId(Context ctx) {
    String id = ctx.pathParam("id");
    if (!id.matches("\\d{1,18}")) {
      throw new NoSuchJobException("No such job: %s", id);
    }
    return Long.parseLong(id);
  }

  private void show(Context ctx, Viewer viewer) {
    long id = jobId(ctx);
    JobInfo job = jobs.find(viewer.principal(), id);
    JobLog log = logs.whole(viewer.principal(), id);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("shell", viewer.shell("Job " + id + " " + job.name()));
    params.put("row", JobRow.of(job, credentials.memberNames(viewer.principal())));
    params.put("timeline", TimelineEntry.of(jobs.history(viewer.principal(), id)));
    params.put("log", log.log());
    params.put("nextLine", log.nextLine());
    pages.render(ctx, "job.jte", params);
  }

  /**
   * New log lines from {@code from_line} on (waits up to 10 s while the job runs) and the state.
   */
  private void live(Context ctx, Viewer viewer) throws InterruptedException {
    long id = jobId(ctx);
    String from = ctx.queryParam("from_line");
    long fromLine = from != null && from.matches("\\d{1,12}") ? Long.parseLong(from) : 0;
    JobLog log = logs.follow(viewer.principal(), id, fromLine);
    JobRow row = JobRow.of(jobs.find(viewer.principal(), id), Map.of());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", row.job().jobStatus().name());
    body.put("terminal", row.job().jobStatus().isTerminal());
    body.put("reason", JobRow.text(row.job().reason()));
    body.put("duration", row.duration());
    body.put("output", row.output());
    body.put("timeline", TimelineEntry.of(jobs.history(viewer.principal(), id)));
    body.put("lines", log.lines());
    body.put("next_line", log.nextLine());
    ctx.json(body);
  }

  private void kill(Context ctx, Viewer viewer) {
    long id = jobId(ctx);
    jobs.kill(viewer.principal(), id);
    ctx.redirect("/ui/jobs/" + id, HttpStatus.SEE_OTHER);
  }
}
