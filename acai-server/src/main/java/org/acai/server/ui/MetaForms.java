package org.acai.server.ui;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Router;
import org.acai.server.meta.EntityIds;
import org.acai.server.meta.EntityType;
import org.acai.server.meta.MetaStore;

/**
 * {@code POST /ui/meta}: adds a tag or key/value to a file or file-set version's metadata, or
 * removes one, then returns to its page. The id is resolved in the session's project first, so
 * another project's entity is a 404; the store checks keys, values and sizes as for the API.
 */
final class MetaForms implements ApiRoutes {
  private final MetaStore store;
  private final EntityIds ids;
  private final UiGuard guard;

  MetaForms(MetaStore store, EntityIds ids, UiGuard guard) {
    this.store = store;
    this.ids = ids;
    this.guard = guard;
  }

  @Override
  public void register(Router router) {
    router.post("/ui/meta", guard.member(this::change));
  }

  private void change(Context ctx, Viewer viewer) {
    String typeName = field(ctx, "type");
    EntityType type =
        switch (typeName) {
          case "file" -> EntityType.FILE;
          case "fileset" -> EntityType.FILESET;
          default -> throw new InvalidRequestException("Invalid type: %s", typeName);
        };
    long project = viewer.principal().projectKey();
    String id = ids.explicit(project, type, field(ctx, "id"));
    String tag = optional(ctx, "tag");
    String key = optional(ctx, "key");
    if ("remove".equals(ctx.formParam("op"))) {
      store.delete(project, type, id, tag.isEmpty() ? List.of() : List.of(tag), keys(key));
    } else {
      if (tag.isEmpty() && key.isEmpty()) {
        throw new InvalidRequestException("Cannot change metadata of %s: no tag and no key", id);
      }
      Map<String, Object> values = key.isEmpty() ? Map.of() : Map.of(key, value(ctx));
      store.update(project, type, id, tag.isEmpty() ? List.of() : List.of(tag), values);
    }
    ctx.redirect(type == EntityType.FILE ? Links.fileId(id) : Links.set(id), HttpStatus.SEE_OTHER);
  }

  private static List<String> keys(String key) {
    return key.isEmpty() ? List.of() : List.of(key);
  }

  /** A number when it reads as one, true/false as booleans, else the text. */
  private static Object value(Context ctx) {
    String text = optional(ctx, "value");
    if ("true".equals(text) || "false".equals(text)) {
      return Boolean.parseBoolean(text);
    }
    if (text.matches("-?\\d{1,18}")) {
      return Long.parseLong(text);
    }
    if (text.matches("-?\\d{1,30}\\.\\d{1,30}([eE][-+]?\\d{1,3})?")) {
      return new BigDecimal(text);
    }
    return text;
  }

  private static String field(Context ctx, String name) {
    String value = optional(ctx, name);
    if (value.isEmpty()) {
      throw new InvalidRequestException("Missing %s", name);
    }
    return value;
  }

  private static String optional(Context ctx, String name) {
    String value = ctx.formParam(name);
    return value == null ? "" : value.trim();
  }
}
