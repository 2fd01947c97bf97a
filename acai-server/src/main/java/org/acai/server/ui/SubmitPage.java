package org.acai.server.ui;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NotFoundException;
import org.acai.api.job.JobInfo;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Router;
import org.acai.server.job.JobService;

/** {@code /ui/submit}: the submit form, empty or prefilled from a job ("run again"). */
final class SubmitPage implements ApiRoutes {
  private final JobService jobs;
  private final UiGuard guard;
  private final Pages pages;

  SubmitPage(JobService jobs, UiGuard guard, Pages pages) {
    this.jobs = jobs;
    this.guard = guard;
    this.pages = pages;
  }

  @Override
  public void register(Router router) {
    router
        .get("/ui/submit", guard.member(this::form))
        .post("/ui/submit", guard.member(this::submit));
  }

  private void form(Context ctx, Viewer viewer) {
    String from = ctx.queryParam("from");
    SubmitForm form =
        from != null && from.matches("\\d{1,18}")
            ? SubmitForm.of(jobs.find(viewer.principal(), Long.parseLong(from)))
            : SubmitForm.empty();
    show(ctx, viewer, form, "");
  }

  private void show(Context ctx, Viewer viewer, SubmitForm form, String message) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("shell", viewer.shell("Submit a job"));
    params.put("form", form);
    params.put("message", message);
    pages.render(ctx, "submit.jte", params);
  }

  private void submit(Context ctx, Viewer viewer) {
    SubmitForm form = SubmitForm.of(ctx);
    try {
      JobInfo job = jobs.submit(viewer.principal(), form.submission());
      ctx.redirect("/ui/jobs/" + job.id(), HttpStatus.SEE_OTHER);
    } catch (InvalidRequestException | NotFoundException e) {
      ctx.status(HttpStatus.BAD_REQUEST);
      show(ctx, viewer, form, e.getMessage());
    }
  }
}
