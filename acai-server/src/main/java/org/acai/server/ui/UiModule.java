package org.acai.server.ui;

import java.util.ArrayList;
import java.util.List;
import org.acai.server.auth.CredentialService;
import org.acai.server.blob.BlobStore;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Caller;
import org.acai.server.http.PublicUrl;
import org.acai.server.job.JobListing;
import org.acai.server.job.JobModule;
import org.acai.server.meta.EntityIds;
import org.acai.server.meta.MetaQuery;
import org.acai.server.meta.MetaStore;
import org.acai.server.storage.StorageModule;
import org.jdbi.v3.core.Jdbi;

/**
 * The web dashboard at {@code /ui/}: sessions, sign-in, and one page class per resource. Every page
 * reads through the same services, and so the same project scoping, as the API.
 */
public final class UiModule {
  private final List<ApiRoutes> routes;

  /** Wires the dashboard over the services it shows. */
  public UiModule(
      Jdbi jdbi,
      CredentialService credentials,
      Caller caller,
      JobModule jobs,
      StorageModule storage,
      BlobStore blobs,
      PublicUrl publicUrl) {
    Sessions sessions = new Sessions(jdbi);
    Pages pages = new Pages();
    UiGuard guard = new UiGuard(sessions, credentials, pages);
    List<ApiRoutes> core =
        List.of(
            new LoginLinks(sessions, caller),
            new SignIn(sessions, credentials, guard, pages),
            new StaticAssets(guard),
            new JobsPage(new JobListing(jdbi), credentials, guard, pages),
            new SubmitPage(jobs.jobs(), guard, pages),
            new JobPage(jobs.jobs(), jobs.logs(), credentials, guard, pages),
            new SearchPage(new MetaQuery(jdbi), guard, pages),
            new AdminPage(credentials, guard, pages));
    List<ApiRoutes> all = new ArrayList<>(core);
    all.addAll(dataPages(jdbi, credentials, jobs, storage, blobs, publicUrl, guard, pages));
    this.routes = List.copyOf(all);
  }

  /** Files, file sets, their metadata and lineage. */
  private static List<ApiRoutes> dataPages(
      Jdbi jdbi,
      CredentialService credentials,
      JobModule jobs,
      StorageModule storage,
      BlobStore blobs,
      PublicUrl publicUrl,
      UiGuard guard,
      Pages pages) {
    MetaStore meta = new MetaStore(jdbi);
    return List.of(
        new FilesPage(storage.files(), guard, pages),
        new FilePage(storage.files(), meta, credentials, guard, pages),
        new Downloads(storage.files(), blobs, guard),
        new Uploads(storage.uploads(), publicUrl, guard),
        new FileSetsPage(storage.fileSets(), guard, pages),
        new FileSetPage(storage.fileSets(), meta, credentials, guard, pages),
        new MetaForms(meta, new EntityIds(storage.files(), storage.fileSets()), guard),
        new LineagePage(jobs.lineage(), guard, pages));
  }

  /** The dashboard's routes. */
  public List<ApiRoutes> routes() {
    return routes;
  }
}
