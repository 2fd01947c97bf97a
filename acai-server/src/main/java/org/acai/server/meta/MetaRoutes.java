package org.acai.server.meta;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.json.WireJson;
import org.acai.api.meta.Condition;
import org.acai.api.meta.MetaResponse;
import org.acai.server.auth.Principal;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Caller;
import org.acai.server.http.Requests;
import org.acai.server.http.Router;

/** The {@code /meta/*} endpoints of the original protocol. */
public final class MetaRoutes implements ApiRoutes {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<Condition>> CONDITIONS = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final MetaStore store;
  private final MetaQuery query;
  private final EntityIds ids;
  private final Caller caller;

  /** Creates the routes. */
  public MetaRoutes(MetaStore store, MetaQuery query, EntityIds ids, Caller caller) {
    this.store = store;
    this.query = query;
    this.ids = ids;
    this.caller = caller;
  }

  @Override
  public void register(Router router) {
    for (EntityType type : EntityType.values()) {
      String suffix = type == EntityType.FILESET ? "file_set" : type.wireName();
      router.post("/meta/update_" + suffix + "_meta", ctx -> update(ctx, type));
      router.post("/meta/del_" + suffix + "_meta", ctx -> delete(ctx, type));
    }
    router.post("/meta/get_meta", this::get).post("/meta/query_meta", this::query);
  }

  private void update(Context ctx, EntityType type) {
    Principal principal = caller.member(ctx);
    ObjectNode body = Requests.body(ctx);
    String id = ids.explicit(principal.projectKey(), type, text(body.get("id"), "id"));
    Map<String, Object> meta = convert(body.get("meta"), MAP, "meta", Map.of());
    List<String> tags = convert(body.get("tags"), STRINGS, "tags", List.of());
    ctx.json(MetaResponse.of(List.of(store.update(principal.projectKey(), type, id, tags, meta))));
  }

  private void delete(Context ctx, EntityType type) {
    Principal principal = caller.member(ctx);
    ObjectNode body = Requests.body(ctx);
    String id = ids.explicit(principal.projectKey(), type, text(body.get("id"), "id"));
    List<String> keys = convert(body.get("keys"), STRINGS, "keys", List.of());
    List<String> tags = convert(body.get("tags"), STRINGS, "tags", List.of());
    ctx.json(MetaResponse.of(List.of(store.delete(principal.projectKey(), type, id, tags, keys))));
  }

  private void get(Context ctx) {
    Principal principal = caller.member(ctx);
    ObjectNode body = Requests.body(ctx);
    EntityType type = EntityType.parse(text(body.get("type"), "type"));
    JsonNode raw = body.get("ids");
    if (raw == null || !raw.isArray()) {
      throw new InvalidRequestException("Invalid ids: expected a list");
    }
    List<String> explicit = new ArrayList<>();
    List<String> directories = new ArrayList<>();
    for (JsonNode id : raw) {
      if (type != EntityType.FILE) {
        explicit.add(ids.explicit(principal.projectKey(), type, id.asText()));
        continue;
      }
      ids.fileUnlessDirectory(principal, id.asText())
          .ifPresentOrElse(explicit::add, () -> directories.add(id.asText()));
    }
    List<Map<String, Object>> docs = store.get(principal.projectKey(), type, explicit);
    ctx.json(
        directories.isEmpty() ? MetaResponse.of(docs) : MetaResponse.ignoring(docs, directories));
  }

  private void query(Context ctx) throws InterruptedException {
    Principal principal = caller.member(ctx);
    ObjectNode body = Requests.body(ctx);
    EntityType type = EntityType.parse(text(body.get("entity_type"), "entity_type"));
    List<Condition> conditions =
        convert(body.get("conditions"), CONDITIONS, "conditions", List.of());
    QueryOptions options =
        QueryOptions.of(
            optionalText(body.get("sort"), "sort"),
            optionalInt(body.get("limit"), "limit"),
            optionalText(body.get("cursor"), "cursor"));
    MetaPage page =
        caller.limited(
            principal,
            "metadata queries",
            () -> query.find(principal.projectKey(), type, conditions, options));
    ctx.json(MetaResponse.page(page.docs(), page.nextCursor()));
  }

  private static String optionalText(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidRequestException("Invalid %s: expected a string", field);
    }
    return node.asText();
  }

  private static Integer optionalInt(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.canConvertToExactIntegral() || !node.canConvertToInt()) {
      throw new InvalidRequestException("Invalid %s: expected an integer", field);
    }
    return node.asInt();
  }

  private static String text(JsonNode node, String field) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      throw new InvalidRequestException("Missing %s", field);
    }
    return node.asText();
  }

  private static <T> T convert(JsonNode node, TypeReference<T> type, String field, T fallback) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    try {
      return WireJson.mapper().convertValue(node, type);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("Invalid %s: wrong JSON type", field);
    }
  }
}
