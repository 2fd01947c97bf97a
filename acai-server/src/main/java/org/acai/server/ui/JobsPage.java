package org.acai.server.ui;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.acai.server.auth.CredentialService;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Router;
import org.acai.server.job.JobListing;

/** {@code /ui/jobs}: the project's jobs, newest first, filtered and paged in SQL. */
final class JobsPage implements ApiRoutes {
  static final int PAGE_SIZE = 50;

  private final JobListing listing;
  private final CredentialService credentials;
  private final UiGuard guard;
  private final Pages pages;

  JobsPage(JobListing listing, CredentialService credentials, UiGuard guard, Pages pages) {
    this.listing = listing;
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
    JobListing.Page page = listing.page(viewer.principal(), filter.query(names, PAGE_SIZE));
    List<JobRow> rows = page.jobs().stream().map(job -> JobRow.of(job, names)).toList();
    boolean live = rows.stream().anyMatch(row -> !row.job().jobStatus().isTerminal());
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("shell", viewer.shell("Jobs"));
    params.put("rows", rows);
    params.put("filter", filter);
    params.put("total", page.total());
    params.put("older", page.hasOlder() && !rows.isEmpty() ? filter.olderQuery(last(rows)) : "");
    params.put("newer", page.hasNewer() && !rows.isEmpty() ? filter.newerQuery(first(rows)) : "");
    params.put("live", live);
    params.put("users", List.copyOf(new TreeSet<>(names.values())));
    pages.render(ctx, "jobs.jte", params);
  }

  private static long first(List<JobRow> rows) {
    return rows.get(0).job().id();
  }

  private static long last(List<JobRow> rows) {
    return rows.get(rows.size() - 1).job().id();
  }
}
