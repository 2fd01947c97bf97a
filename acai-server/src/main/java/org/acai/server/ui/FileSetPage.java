package org.acai.server.ui;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileSetException;
import org.acai.api.error.NotFoundException;
import org.acai.api.storage.FileSetVersionInfo;
import org.acai.server.auth.CredentialService;
import org.acai.server.fileset.FileSetService;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Router;
import org.acai.server.meta.EntityType;
import org.acai.server.meta.MetaStore;
import org.acai.server.storage.FileVersion;

/**
 * {@code /ui/set?name=s&version=N}: a file set's versions, and the selected version's members
 * (exact {@code path:N}, size, download), sources and metadata. Project-scoped like the API.
 */
final class FileSetPage implements ApiRoutes {
  /** Most members one page lists. */
  static final int MAX_SHOWN = 1000;

  private final FileSetService fileSets;
  private final MetaStore meta;
  private final CredentialService credentials;
  private final UiGuard guard;
  private final Pages pages;

  FileSetPage(
      FileSetService fileSets,
      MetaStore meta,
      CredentialService credentials,
      UiGuard guard,
      Pages pages) {
    this.fileSets = fileSets;
    this.meta = meta;
    this.credentials = credentials;
    this.guard = guard;
    this.pages = pages;
  }

  @Override
  public void register(Router router) {
    router.get("/ui/set", guard.member(this::show));
  }

  private void show(Context ctx, Viewer viewer) {
    String name = ctx.queryParam("name");
    if (name == null || name.isEmpty()) {
      throw new InvalidRequestException("Missing name");
    }
    List<FileSetVersionInfo> versions = fileSets.versions(viewer.principal(), name);
    String wanted = ctx.queryParam("version");
    FileSetVersionInfo selected =
        wanted == null || wanted.isEmpty()
            ? versions.get(versions.size() - 1)
            : versions.stream()
                .filter(version -> Integer.toString(version.version()).equals(wanted))
                .findFirst()
                .orElseThrow(
                    () -> new NoSuchFileSetException("No such file set: %s:%s", name, wanted));
    long project = viewer.principal().projectKey();
    List<FileVersion> members = fileSets.members(project, selected.id());
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("shell", viewer.shell("File set " + selected.id()));
    params.put("set", selected);
    params.put("versions", Formats.newestFirst(versions));
    params.put("members", members.subList(0, Math.min(members.size(), MAX_SHOWN)));
    params.put("memberCount", members.size());
    params.put("sources", fileSets.resolve(viewer.principal(), selected.id()).sources());
    params.put("names", credentials.memberNames(viewer.principal()));
    params.put("meta", MetaView.of("fileset", selected.id(), doc(project, selected.id())));
    pages.render(ctx, "set.jte", params);
  }

  private Map<String, Object> doc(long project, String id) {
    try {
      return meta.get(project, EntityType.FILESET, List.of(id)).get(0);
    } catch (NotFoundException e) {
      return Map.of();
    }
  }
}
