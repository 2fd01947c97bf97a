package org.acai.server.ui;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.api.error.ConflictException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NotFoundException;
import org.acai.api.storage.FileSetContent;
import org.acai.server.fileset.FileSetService;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Router;

/**
 * {@code /ui/sets}: the project's file sets and the form creating the next version of one from
 * paths ({@code /p} latest, {@code /p:N} exact) and other sets ({@code @name[:N]}), one a line.
 */
final class FileSetsPage implements ApiRoutes {
  private final FileSetService fileSets;
  private final UiGuard guard;
  private final Pages pages;

  /** File set names per page. */
  static final int PAGE_SIZE = 100;

  FileSetsPage(FileSetService fileSets, UiGuard guard, Pages pages) {
    this.fileSets = fileSets;
    this.guard = guard;
    this.pages = pages;
  }

  @Override
  public void register(Router router) {
    router.get("/ui/sets", guard.member(this::list)).post("/ui/sets", guard.member(this::create));
  }

  private void list(Context ctx, Viewer viewer) {
    String members = ctx.queryParam("members");
    show(ctx, viewer, "", members == null ? "" : members, "");
  }

  private void show(Context ctx, Viewer viewer, String name, String members, String message) {
    String after = ctx.queryParam("after");
    FileSetService.NamePage page = fileSets.listPage(viewer.principal(), after, PAGE_SIZE);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("shell", viewer.shell("File sets"));
    params.put("names", page.names());
    params.put("next", page.next() == null ? "" : page.next());
    params.put("paged", after != null && !after.isEmpty());
    params.put("name", name);
    params.put("members", members);
    params.put("message", message);
    pages.render(ctx, "sets.jte", params);
  }

  private void create(Context ctx, Viewer viewer) {
    String name = text(ctx, "name");
    String members = text(ctx, "members");
    List<String> lines =
        Arrays.stream(members.split("\\R")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    try {
      FileSetContent created = fileSets.create(viewer.principal(), name, lines);
      ctx.redirect(Links.set(created.id()), HttpStatus.SEE_OTHER);
    } catch (InvalidRequestException | NotFoundException | ConflictException e) {
      ctx.status(e.code().httpStatus());
      show(ctx, viewer, name, members, e.getMessage());
    }
  }

  private static String text(Context ctx, String field) {
    String value = ctx.formParam(field);
    return value == null ? "" : value.trim();
  }
}
