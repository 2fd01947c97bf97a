package org.acai.server.ui;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Router;
import org.acai.server.meta.EntityType;
import org.acai.server.meta.MetaPage;
import org.acai.server.meta.MetaQuery;

/**
 * {@code /ui/search}: metadata search over files, file sets or jobs through the server's query
 * engine (the same conditions, checks, indexes and project scoping as {@code /meta/query_meta}).
 * The whole query is in the URL, so a search can be shared and bookmarked.
 */
final class SearchPage implements ApiRoutes {
  private final MetaQuery query;
  private final UiGuard guard;
  private final Pages pages;

  SearchPage(MetaQuery query, UiGuard guard, Pages pages) {
    this.query = query;
    this.guard = guard;
    this.pages = pages;
  }

  @Override
  public void register(Router router) {
    router.get("/ui/search", guard.member(this::show));
  }

  private void show(Context ctx, Viewer viewer) {
    SearchForm form = SearchForm.of(ctx);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("shell", viewer.shell("Search"));
    params.put("form", form);
    List<SearchHit> hits = List.of();
    String next = "";
    String message = "";
    if (form.submitted()) {
      try {
        EntityType type = form.entityType();
        MetaPage page =
            query.find(viewer.principal().projectKey(), type, form.conditions(), form.options());
        hits = page.docs().stream().map(doc -> SearchHit.of(type, doc)).toList();
        next = page.hasMore() ? form.nextQuery(page.nextCursor()) : "";
      } catch (InvalidRequestException e) {
        ctx.status(HttpStatus.BAD_REQUEST);
        message = e.getMessage();
      }
    }
    params.put("hits", hits);
    params.put("next", next);
    params.put("message", message);
    pages.render(ctx, "search.jte", params);
  }
}
