package org.acai.server.storage;

import io.javalin.http.Context;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.acai.api.error.ConflictException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NotAuthenticatedException;
import org.acai.api.storage.BatchFormat;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Caller;
import org.acai.server.http.Requests;
import org.acai.server.http.Router;

/**
 * The batch transfer endpoints: {@code GET /storage/batch_limits}, {@code POST
 * /storage/upload_batch} (a {@link BatchFormat} stream in; {@code ?draft=N} adds its files to a
 * file-set draft) and {@code POST /storage/download_batch} (JSON paths in, a {@link BatchFormat}
 * stream out). Only on the local blob store; elsewhere the limits say {@code enabled: false} and
 * the transfers answer 409.
 */
public final class BatchRoutes implements ApiRoutes {
  private static final int OUT_BUFFER = 256 * 1024;

  private final BatchUploadService uploads;
  private final BatchDownloadService downloads;
  private final Caller caller;

  /** Creates the routes; the services are null where batches are not supported. */
  BatchRoutes(BatchUploadService uploads, BatchDownloadService downloads, Caller caller) {
    this.uploads = uploads;
    this.downloads = downloads;
    this.caller = caller;
  }

  @Override
  public void register(Router router) {
    router
        .get(
            "/storage/batch_limits",
            ctx -> {
              caller.member(ctx);
              ctx.json(uploads == null ? BatchUploadService.DISABLED : uploads.limits());
            })
        .post("/storage/upload_batch", this::upload)
        .post("/storage/download_batch", this::download);
  }

  private void upload(Context ctx) throws IOException {
    if (ctx.header("Authorization") == null) {
      // The body is a byte stream, not JSON with a token field.
      throw new NotAuthenticatedException("Missing token: send an Authorization: Bearer header");
    }
    var principal = caller.member(ctx);
    String named = ctx.queryParam("draft");
    Long draft = named == null || named.isEmpty() ? null : Requests.queryLong(ctx, "draft");
    ctx.json(enabled(uploads).upload(principal, ctx.req().getInputStream(), draft));
  }

  private void download(Context ctx) throws IOException {
    var principal = caller.member(ctx);
    List<String> paths = new ArrayList<>();
    var body = Requests.body(ctx);
    var node = body.get("paths");
    if (node == null || !node.isArray()) {
      throw new InvalidRequestException("Invalid paths: expected a non-empty list of strings");
    }
    for (var element : node) {
      if (!element.isTextual()) {
        throw new InvalidRequestException("Invalid paths: expected strings, got %s", element);
      }
      paths.add(element.asText());
    }
    var fileSet = body.get("file_set");
    if (fileSet != null && !fileSet.isNull() && !fileSet.isTextual()) {
      throw new InvalidRequestException("Invalid file_set: expected a string, got %s", fileSet);
    }
    BatchDownloadService.Plan plan =
        enabled(downloads)
            .plan(principal, paths, fileSet == null || fileSet.isNull() ? null : fileSet.asText());
    ctx.contentType(BatchFormat.MEDIA_TYPE);
    ctx.status(200);
    try (OutputStream out = new BufferedOutputStream(ctx.res().getOutputStream(), OUT_BUFFER)) {
      downloads.write(plan, out);
    }
  }

  private static <T> T enabled(T service) {
    if (service == null) {
      throw new ConflictException(
          "Cannot transfer a batch: this server's blob store takes transfers through upload"
              + " sessions and download URLs");
    }
    return service;
  }
}
