package org.acai.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.json.WireJson;

/**
 * Reads requests the way both clients send them: JSON bodies on POST, query parameters on GET. The
 * body is parsed once and cached on the context.
 */
public final class Requests {
  private static final String BODY = "acai.body";

  private Requests() {}

  /**
   * The POST body as a JSON object; an empty body counts as {@code {}}.
   *
   * @throws InvalidRequestException if the body is not a JSON object
   */
  public static ObjectNode body(Context ctx) {
    ObjectNode cached = ctx.attribute(BODY);
    if (cached != null) {
      return cached;
    }
    ObjectNode body = parse(ctx.body());
    ctx.attribute(BODY, body);
    return body;
  }

  /**
   * The POST body bound to a wire record.
   *
   * @throws InvalidRequestException if a field has the wrong JSON type
   */
  public static <T> T body(Context ctx, Class<T> type) {
    try {
      return WireJson.mapper().treeToValue(body(ctx), type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidRequestException(e, "Invalid request body: %s", firstLine(e.getMessage()));
    }
  }

  /**
   * A required query parameter.
   *
   * @throws InvalidRequestException if it is missing or blank
   */
  public static String query(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException("Missing query parameter: %s", name);
    }
    if (value.indexOf('\0') >= 0) {
      throw new InvalidRequestException("Invalid %s: contains a NUL character", name);
    }
    return value;
  }

  /**
   * A required integer query parameter.
   *
   * @throws InvalidRequestException if it is missing or not an integer
   */
  public static long queryLong(Context ctx, String name) {
    String value = query(ctx, name);
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("Invalid %s: %s (expected an integer)", name, value);
    }
  }

  private static ObjectNode parse(String text) {
    if (text == null || text.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    JsonNode node;
    try {
      node = WireJson.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException("Invalid JSON body: %s", firstLine(e.getOriginalMessage()));
    }
    if (!(node instanceof ObjectNode object)) {
      throw new InvalidRequestException("Invalid JSON body: expected an object");
    }
    if (text.contains("\\u0000") && holdsNul(object)) {
      // PostgreSQL cannot store NUL in text: refuse it here rather than fail in a query.
      throw new InvalidRequestException("Invalid JSON body: a string contains a NUL character");
    }
    return object;
  }

  private static boolean holdsNul(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue().indexOf('\0') >= 0;
    }
    for (java.util.Map.Entry<String, JsonNode> field : node.properties()) {
      if (field.getKey().indexOf('\0') >= 0 || holdsNul(field.getValue())) {
        return true;
      }
    }
    for (JsonNode element : node) {
      if (node.isArray() && holdsNul(element)) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
