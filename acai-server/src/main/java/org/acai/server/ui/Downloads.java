package org.acai.server.ui;

import io.javalin.http.Context;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileException;
import org.acai.server.blob.BlobStore;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Router;
import org.acai.server.storage.FileRef;
import org.acai.server.storage.FileService;
import org.acai.server.storage.FileVersion;

/**
 * {@code /ui/download?id=/path:N}: a file version's bytes, streamed through the signed-in session
 * (no token or signature in the URL); another project's file is a 404 like an unknown one.
 */
final class Downloads implements ApiRoutes {
  private final FileService files;
  private final BlobStore blobs;
  private final UiGuard guard;

  Downloads(FileService files, BlobStore blobs, UiGuard guard) {
    this.files = files;
    this.blobs = blobs;
    this.guard = guard;
  }

  @Override
  public void register(Router router) {
    router.get("/ui/download", guard.member(this::download));
  }

  private void download(Context ctx, Viewer viewer) {
    String id = ctx.queryParam("id");
    if (id == null || id.isBlank()) {
      throw new InvalidRequestException("Missing id");
    }
    FileVersion version = files.version(viewer.principal().projectKey(), FileRef.parse(id));
    if (!blobs.exists(version.blob())) {
      throw new NoSuchFileException("No such file content: %s", version.explicitId());
    }
    String name = version.path().name();
    ctx.header("Content-Length", Long.toString(version.size()));
    ctx.contentType("application/octet-stream");
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\""
            + name.replaceAll("[^A-Za-z0-9._ -]", "_")
            + "\"; filename*=UTF-8''"
            + Links.q(name).replace("+", "%20"));
    ctx.result(blobs.open(version.blob()));
  }
}
