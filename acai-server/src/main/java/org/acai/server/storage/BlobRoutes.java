package org.acai.server.storage;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileException;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Router;

/**
 * The server's own data plane for blob stores without presigned URLs: signed PUT of upload bytes
 * and signed GET of blobs. No token: the signature is the credential. Bytes are streamed.
 */
public final class BlobRoutes implements ApiRoutes {
  private final UploadService uploads;
  private final BlobStore blobs;
  private final UrlSigner signer;

  /** Creates the routes. */
  public BlobRoutes(UploadService uploads, BlobStore blobs, UrlSigner signer) {
    this.uploads = uploads;
    this.blobs = blobs;
    this.signer = signer;
  }

  @Override
  public void register(Router router) {
    router
        .put(DataUrls.UPLOAD_PREFIX + "{session}/{index}", this::upload)
        .get(DataUrls.DOWNLOAD_PREFIX + "{sha256}/{size}", this::download);
  }

  private void upload(Context ctx) throws IOException {
    signer.verify("PUT", ctx.path(), ctx.queryParam("expires"), ctx.queryParam("sig"));
    UUID session = UUID.fromString(ctx.pathParam("session"));
    int index = Integer.parseInt(ctx.pathParam("index"));
    uploads.receive(session, index, ctx.req().getInputStream());
    ctx.json(Map.of());
  }

  private void download(Context ctx) {
    signer.verify("GET", ctx.path(), ctx.queryParam("expires"), ctx.queryParam("sig"));
    BlobRef blob;
    try {
      blob = new BlobRef(ctx.pathParam("sha256"), Long.parseLong(ctx.pathParam("size")));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("Invalid blob reference: %s", ctx.path());
    }
    if (!blobs.exists(blob)) {
      throw new NoSuchFileException("No such blob: %s", blob.sha256());
    }
    String name = ctx.queryParam("name");
    ctx.header("Content-Length", Long.toString(blob.size()));
    ctx.contentType("application/octet-stream");
    if (name != null && name.matches("[^\"\\\\\\p{Cntrl}]{1,255}")) {
      ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }
    ctx.result(blobs.open(blob));
  }
}
