package org.acai.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.storage.CreateFileSetFromDraftRequest;
import org.acai.api.storage.CreateFileSetRequest;
import org.acai.api.storage.ResolvedPath;
import org.acai.api.storage.StartUploadRequest;
import org.acai.server.auth.Principal;
import org.acai.server.fileset.FileSetService;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Caller;
import org.acai.server.http.PublicUrl;
import org.acai.server.http.Requests;
import org.acai.server.http.Router;

/** The {@code /storage/*} endpoints: files, upload sessions and file sets. */
public final class StorageRoutes implements ApiRoutes {
  /** Entries of a directory page when the client names no limit, and the most it may name. */
  private static final int DEFAULT_PAGE = 1000;

  private static final int MAX_PAGE = 10_000;

  private final UploadService uploads;
  private final FileService files;
  private final FileSetService fileSets;
  private final Caller caller;
  private final PublicUrl publicUrl;

  /** Creates the routes. */
  public StorageRoutes(
      UploadService uploads,
      FileService files,
      FileSetService fileSets,
      Caller caller,
      PublicUrl publicUrl) {
    this.uploads = uploads;
    this.files = files;
    this.fileSets = fileSets;
    this.caller = caller;
    this.publicUrl = publicUrl;
  }

  @Override
  public void register(Router router) {
    router
        .post("/storage/start_file_upload_session", this::start)
        .get(
            "/storage/poll_file_upload_session",
            ctx -> ctx.json(uploads.poll(member(ctx), Requests.query(ctx, "session_id"))))
        .post(
            "/storage/finish_file_upload_session",
            ctx -> ctx.json(uploads.finish(member(ctx), sessionId(ctx), finishDigests(ctx))))
        .post("/storage/abort_file_upload_session", this::abort)
        .get(
            "/storage/list_directory",
            ctx -> ctx.json(files.listDirectory(member(ctx), ctx.queryParam("directory_path"))))
        .get("/storage/list_directory_page", this::listDirectoryPage)
        .get(
            "/storage/list_file_versions",
            ctx -> ctx.json(files.versions(member(ctx), Requests.query(ctx, "path"))))
        .get("/storage/resolve_vague_path", this::resolveVaguePath)
        .get(
            "/storage/download_file",
            ctx ->
                ctx.json(
                    files.download(member(ctx), Requests.query(ctx, "path"), publicUrl.of(ctx))))
        .post("/storage/download_files", this::downloadFiles)
        .post("/storage/create_file_set", this::createFileSet)
        .post("/storage/open_file_set_draft", ctx -> ctx.json(fileSets.openDraft(member(ctx))))
        .post("/storage/create_file_set_from_draft", this::createFromDraft)
        .get(
            "/storage/resolve_file_set",
            ctx -> ctx.json(fileSets.resolve(member(ctx), Requests.query(ctx, "vague_name"))))
        .get(
            "/storage/download_file_set",
            ctx ->
                ctx.json(
                    fileSets.download(
                        member(ctx),
                        Requests.query(ctx, "vague_name"),
                        publicUrl.of(ctx),
                        urlMinSize(ctx))))
        .get(
            "/storage/list_file_set_versions",
            ctx -> ctx.json(fileSets.versions(member(ctx), Requests.query(ctx, "name"))))
        .get("/storage/list_file_sets", ctx -> ctx.json(fileSets.list(member(ctx))));
  }

  /**
   * {@code url_min_size}: members smaller than this many bytes come without a URL (a client that
   * fetches them in a batch has no use for one); absent, every member has one.
   */
  private static long urlMinSize(Context ctx) {
    if (ctx.queryParam("url_min_size") == null) {
      return 0;
    }
    long size = Requests.queryLong(ctx, "url_min_size");
    if (size < 0) {
      throw new InvalidRequestException("Invalid url_min_size: %d (expected 0 or more)", size);
    }
    return size;
  }

  private Principal member(Context ctx) {
    return caller.member(ctx);
  }

  private void start(Context ctx) {
    Principal principal = member(ctx);
    StartUploadRequest request = Requests.body(ctx, StartUploadRequest.class);
    ctx.json(uploads.start(principal, request, publicUrl.of(ctx)));
  }

  private void abort(Context ctx) {
    uploads.abort(member(ctx), sessionId(ctx));
    ctx.json(Map.of("status", "aborted"));
  }

  private void resolveVaguePath(Context ctx) {
    Principal principal = member(ctx);
    String vague = Requests.query(ctx, "vague_path");
    try {
      ctx.json(files.resolve(principal, vague));
    } catch (NoSuchFileException | InvalidRequestException e) {
      // The original SDK resolves file-set names here too (Meta.del_file_set_meta).
      ctx.json(asFileSet(principal, vague).orElseThrow(() -> e));
    }
  }

  private Optional<ResolvedPath> asFileSet(Principal principal, String vague) {
    try {
      return fileSets
          .explicitId(principal.projectKey(), vague)
          .map(id -> new ResolvedPath(id, false));
    } catch (InvalidRequestException notASetName) {
      return Optional.empty();
    }
  }

  private void listDirectoryPage(Context ctx) {
    Principal principal = member(ctx);
    String limit = ctx.queryParam("limit");
    int size = DEFAULT_PAGE;
    if (limit != null) {
      try {
        size = Integer.parseInt(limit.trim());
      } catch (NumberFormatException e) {
        size = 0;
      }
      if (size < 1 || size > MAX_PAGE) {
        throw new InvalidRequestException("Invalid limit: %s (expected 1 to %d)", limit, MAX_PAGE);
      }
    }
    ctx.json(
        files.listDirectoryPage(
            principal, ctx.queryParam("directory_path"), ctx.queryParam("after"), size));
  }

  private void downloadFiles(Context ctx) {
    Principal principal = member(ctx);
    ctx.json(
        files.downloads(
            principal, stringList(Requests.body(ctx).get("paths"), "paths"), publicUrl.of(ctx)));
  }

  private void createFileSet(Context ctx) {
    Principal principal = member(ctx);
    CreateFileSetRequest request = Requests.body(ctx, CreateFileSetRequest.class);
    ctx.json(fileSets.create(principal, request.name(), request.files()));
  }

  private void createFromDraft(Context ctx) {
    Principal principal = member(ctx);
    CreateFileSetFromDraftRequest request = Requests.body(ctx, CreateFileSetFromDraftRequest.class);
    ctx.json(
        fileSets.createFromDraft(principal, request.name(), request.draftId(), request.files()));
  }

  private static String sessionId(Context ctx) {
    JsonNode id = Requests.body(ctx).get("session_id");
    if (id == null || !(id.isTextual() || id.isNumber())) {
      throw new InvalidRequestException("Missing session_id");
    }
    return id.asText();
  }

  /** The optional {@code sha256s} of a finish: a list of strings or nulls. */
  private static List<String> finishDigests(Context ctx) {
    JsonNode node = Requests.body(ctx).get("sha256s");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw new InvalidRequestException("Invalid sha256s: expected a list of strings or nulls");
    }
    List<String> digests = new ArrayList<>();
    for (JsonNode element : node) {
      if (!element.isNull() && !element.isTextual()) {
        throw new InvalidRequestException(
            "Invalid sha256s: expected strings or nulls, got %s", element);
      }
      digests.add(element.isNull() ? null : element.asText());
    }
    return digests;
  }

  private static List<String> stringList(JsonNode node, String field) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new InvalidRequestException("Invalid %s: expected a non-empty list of strings", field);
    }
    List<String> values = new ArrayList<>();
    node.forEach(
        element -> {
          if (!element.isTextual()) {
            throw new InvalidRequestException(
                "Invalid %s: expected strings, got %s", field, element);
          }
          values.add(element.asText());
        });
    return values;
  }
}
