package org.acai.server.ui;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.acai.api.error.AcaiException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.PayloadTooLargeException;
import org.acai.api.storage.StartUploadRequest;
import org.acai.api.storage.UploadSession;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.PublicUrl;
import org.acai.server.http.Router;
import org.acai.server.storage.StoragePath;
import org.acai.server.storage.UploadService;

/**
 * {@code POST /ui/upload?dir=/d&name=f}: one file from the browser (the raw request body, its
 * {@code Content-Length} declared as the size the upload must have), through the same upload
 * sessions as the API: the bytes are staged, checked against the declared size and committed as the
 * next version of {@code /d/f}. CSRF-checked by the guard like every POST; answers JSON.
 */
final class Uploads implements ApiRoutes {
  /** Largest file the browser may upload in one request. */
  static final long MAX_BYTES = 4L << 30;

  private final UploadService uploads;
  private final PublicUrl publicUrl;
  private final UiGuard guard;

  Uploads(UploadService uploads, PublicUrl publicUrl, UiGuard guard) {
    this.uploads = uploads;
    this.publicUrl = publicUrl;
    this.guard = guard;
  }

  @Override
  public void register(Router router) {
    router.post("/ui/upload", guard.member(this::upload));
  }

  private void upload(Context ctx, Viewer viewer) throws IOException {
    String dir = StoragePath.directory(required(ctx, "dir")).value();
    String name = required(ctx, "name");
    if (name.contains("/")) {
      throw new InvalidRequestException("Invalid file name: %s", name);
    }
    StoragePath path = StoragePath.file((dir.equals("/") ? "" : dir) + "/" + name);
    long size = ctx.req().getContentLengthLong();
    if (size < 0) {
      throw new InvalidRequestException(
          "Cannot upload %s: the request has no Content-Length", path);
    }
    if (size > MAX_BYTES) {
      throw new PayloadTooLargeException(
          "Cannot upload %s: %d bytes, at most %d from the browser", path, size, MAX_BYTES);
    }
    UploadSession session =
        uploads.start(
            viewer.principal(),
            new StartUploadRequest(List.of(path.value()), List.of(size), null),
            publicUrl.of(ctx));
    try {
      uploads.receive(
          viewer.principal().projectKey(),
          UUID.fromString(session.sessionId()),
          0,
          ctx.req().getInputStream(),
          size);
      UploadSession done = uploads.finish(viewer.principal(), session.sessionId());
      String id = done.uploadedFileIds().get(0);
      ctx.json(Map.of("id", id, "size", size));
    } catch (IOException | RuntimeException e) {
      abortQuietly(viewer, session.sessionId());
      throw e;
    }
  }

  private void abortQuietly(Viewer viewer, String sessionId) {
    try {
      uploads.abort(viewer.principal(), sessionId);
    } catch (AcaiException e) {
      // Already committed or discarded: nothing to clean up.
    }
  }

  private static String required(Context ctx, String param) {
    String value = ctx.queryParam(param);
    if (value == null || value.isEmpty()) {
      throw new InvalidRequestException("Missing %s", param);
    }
    return value;
  }
}
