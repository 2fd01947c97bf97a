package org.acai.server.ui;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.NotFoundException;
import org.acai.api.storage.FileVersionInfo;
import org.acai.server.auth.CredentialService;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Router;
import org.acai.server.meta.EntityType;
import org.acai.server.meta.MetaStore;
import org.acai.server.storage.FileService;
import org.acai.server.storage.StoragePath;

/**
 * {@code /ui/file?path=/p&version=N}: a file's versions (size, sha256, creator, time, download) and
 * the selected version's metadata with its edit forms. Project-scoped like the API.
 */
final class FilePage implements ApiRoutes {
  private final FileService files;
  private final MetaStore meta;
  private final CredentialService credentials;
  private final UiGuard guard;
  private final Pages pages;

  FilePage(
      FileService files,
      MetaStore meta,
      CredentialService credentials,
      UiGuard guard,
      Pages pages) {
    this.files = files;
    this.meta = meta;
    this.credentials = credentials;
    this.guard = guard;
    this.pages = pages;
  }

  @Override
  public void register(Router router) {
    router.get("/ui/file", guard.member(this::show));
  }

  private void show(Context ctx, Viewer viewer) {
    String raw = ctx.queryParam("path");
    if (raw == null || raw.isEmpty()) {
      throw new InvalidRequestException("Missing path");
    }
    String path = StoragePath.file(raw).value();
    List<FileVersionInfo> versions = files.versions(viewer.principal(), path);
    FileVersionInfo selected = selected(ctx, versions, path);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("shell", viewer.shell("File " + path));
    params.put("path", path);
    params.put("parent", StoragePath.file(path).parent().value());
    params.put("versions", Formats.newestFirst(versions));
    params.put("selected", selected);
    params.put("names", credentials.memberNames(viewer.principal()));
    params.put("meta", MetaView.of("file", selected.id(), doc(viewer, selected.id())));
    pages.render(ctx, "file.jte", params);
  }

  private static FileVersionInfo selected(
      Context ctx, List<FileVersionInfo> versions, String path) {
    String wanted = ctx.queryParam("version");
    if (wanted == null || wanted.isEmpty()) {
      return versions.get(versions.size() - 1);
    }
    return versions.stream()
        .filter(version -> Integer.toString(version.version()).equals(wanted))
        .findFirst()
        .orElseThrow(() -> new NoSuchFileException("No such file: %s:%s", path, wanted));
  }

  private Map<String, Object> doc(Viewer viewer, String id) {
    try {
      return meta.get(viewer.principal().projectKey(), EntityType.FILE, List.of(id)).get(0);
    } catch (NotFoundException e) {
      return Map.of();
    }
  }
}
