package org.acai.server.ui;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Router;
import org.acai.server.job.Lineage;

/**
 * {@code /ui/lineage?set=name:N} or {@code ?job=ID}: the jobs upstream and downstream as an SVG
 * drawn on the server (no script), every box a link. Reads through the API's project-scoped lineage
 * queries.
 */
final class LineagePage implements ApiRoutes {
  private final Lineage lineage;
  private final UiGuard guard;
  private final Pages pages;

  LineagePage(Lineage lineage, UiGuard guard, Pages pages) {
    this.lineage = lineage;
    this.guard = guard;
    this.pages = pages;
  }

  @Override
  public void register(Router router) {
    router.get("/ui/lineage", guard.member(this::show));
  }

  private void show(Context ctx, Viewer viewer) {
    String set = ctx.queryParam("set");
    String job = ctx.queryParam("job");
    Map<String, Object> answer;
    String subject;
    if (set != null && !set.isEmpty()) {
      answer = lineage.ofFileSet(viewer.principal(), set, Lineage.DEFAULT_DEPTH);
      subject = "file set " + String.valueOf(answer.get("root")).substring(1);
    } else if (job != null && !job.isEmpty()) {
      if (!job.matches("\\d{1,18}")) {
        throw new InvalidRequestException("Invalid job id: %s", job);
      }
      answer = lineage.ofJob(viewer.principal(), Long.parseLong(job), Lineage.DEFAULT_DEPTH);
      subject = "job " + job;
    } else {
      throw new InvalidRequestException("Missing set or job");
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("shell", viewer.shell("Lineage of " + subject));
    params.put("subject", subject);
    params.put("graph", LineageGraph.of(answer));
    pages.render(ctx, "lineage.jte", params);
  }
}
