package org.acai.server.ui;

import java.util.List;
import org.acai.server.auth.CredentialService;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Caller;
import org.acai.server.job.JobListing;
import org.acai.server.job.JobModule;
import org.acai.server.meta.MetaQuery;
import org.jdbi.v3.core.Jdbi;

/**
 * The web dashboard at {@code /ui/}: sessions, sign-in, and one page class per resource. Every page
 * reads through the same services, and so the same project scoping, as the API.
 */
public final class UiModule {
  private final List<ApiRoutes> routes;

  /** Wires the dashboard over the services it shows. */
  public UiModule(Jdbi jdbi, CredentialService credentials, Caller caller, JobModule jobs) {
    Sessions sessions = new Sessions(jdbi);
    Pages pages = new Pages();
    UiGuard guard = new UiGuard(sessions, credentials, pages);
    this.routes =
        List.of(
            new LoginLinks(sessions, caller),
            new SignIn(sessions, credentials, guard, pages),
            new StaticAssets(guard),
            new JobsPage(new JobListing(jdbi), credentials, guard, pages),
            new SubmitPage(jobs.jobs(), guard, pages),
            new JobPage(jobs.jobs(), jobs.logs(), credentials, guard, pages),
            new SearchPage(new MetaQuery(jdbi), guard, pages),
            new AdminPage(credentials, guard, pages));
  }

  /** The dashboard's routes. */
  public List<ApiRoutes> routes() {
    return routes;
  }
}
