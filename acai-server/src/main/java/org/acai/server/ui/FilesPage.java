package org.acai.server.ui;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.storage.DirectoryPage;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Router;
import org.acai.server.storage.FileService;
import org.acai.server.storage.StoragePath;

/**
 * {@code /ui/files?path=/dir}: a directory's children, {@value #PAGE_SIZE} a page, paged by name in
 * SQL (a directory with 100k entries costs one page of rows), with the upload drop zone.
 */
final class FilesPage implements ApiRoutes {
  static final int PAGE_SIZE = 100;
  private static final int MAX_LINK = 6000;

  private final FileService files;
  private final UiGuard guard;
  private final Pages pages;

  FilesPage(FileService files, UiGuard guard, Pages pages) {
    this.files = files;
    this.guard = guard;
    this.pages = pages;
  }

  @Override
  public void register(Router router) {
    router.get("/ui/files", guard.member(this::show));
  }

  /** The file-set form prefilled with this page's files, or "" when none (or too many bytes). */
  private static String setLink(String dir, DirectoryPage page) {
    String prefix = dir.equals("/") ? "/" : dir + "/";
    String members =
        page.entries().stream()
            .filter(entry -> !entry.isDir())
            .map(entry -> prefix + entry.path())
            .collect(java.util.stream.Collectors.joining("\n"));
    String link = "/ui/sets?members=" + Links.q(members);
    return members.isEmpty() || link.length() > MAX_LINK ? "" : link;
  }

  private void show(Context ctx, Viewer viewer) {
    String raw = ctx.queryParam("path");
    String dir = StoragePath.directory(raw == null || raw.isEmpty() ? "/" : raw).value();
    String after = ctx.queryParam("after");
    boolean fresh = false;
    DirectoryPage page;
    try {
      page = files.listDirectoryPage(viewer.principal(), dir, after, PAGE_SIZE);
    } catch (NoSuchFileException e) {
      if (!"1".equals(ctx.queryParam("new"))) {
        throw e;
      }
      // A directory to upload into: it comes to exist with its first file.
      fresh = true;
      page = new DirectoryPage(List.of(), null);
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("shell", viewer.shell("Files " + dir));
    params.put("dir", dir);
    params.put("crumbs", Crumb.trail(dir));
    params.put("entries", page.entries());
    params.put("next", page.next() == null ? "" : page.next());
    params.put("paged", after != null && !after.isEmpty());
    params.put("maxBytes", Uploads.MAX_BYTES);
    params.put("fresh", fresh);
    params.put("setLink", setLink(dir, page));
    pages.render(ctx, "files.jte", params);
  }
}
