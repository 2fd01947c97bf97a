package org.acai.server.ui;

import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.acai.api.job.JobInfo;
import org.acai.server.auth.CredentialService;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Router;
import org.acai.server.job.JobService;

/** {@code /ui/jobs}: the project's jobs, newest first, filtered and paged. */
final class JobsPage implements ApiRoutes {
  static final int PAGE_SIZE = 50;

  private final JobService jobs;
  private final CredentialService credentials;
  private final UiGuard guard;
  private final Pages pages;

  JobsPage(JobService jobs, CredentialService credentials, UiGuard guard, Pages pages) {
    this.jobs = jobs;
    this.credentials = credentials;
    this.guard = guard;
    this.pages = pages;
  }

  @Override
  public void register(Router router) {
    router.get("/ui/jobs", guard.member(this::show));
  }

  private void show(Context ctx, Viewer viewer) {
    JobFilter filter = JobFilter.of(ctx);
    Map<Long, String> names = credentials.memberNames(viewer.principal());
    List<JobRow> matching =
        jobs.list(viewer.principal()).stream()
            .sorted(Comparator.comparingLong(JobInfo::id).reversed())
            .map(job -> JobRow.of(job, names))
            .filter(filter::accepts)
            .toList();
    int from = Math.min(filter.page() * PAGE_SIZE, matching.size());
    List<JobRow> rows = matching.subList(from, Math.min(from + PAGE_SIZE, matching.size()));
    boolean live = rows.stream().anyMatch(row -> !row.job().jobStatus().isTerminal());
    pages.render(
        ctx,
        "jobs.jte",
        Map.of(
            "shell",
            viewer.shell("Jobs"),
            "rows",
            rows,
            "filter",
            filter,
            "total",
            matching.size(),
            "hasNext",
            from + PAGE_SIZE < matching.size(),
            "live",
            live,
            "users",
            List.copyOf(new java.util.TreeSet<>(names.values()))));
  }
}
