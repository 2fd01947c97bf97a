package org.acai.server.ui;

import io.javalin.http.Context;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.meta.Condition;
import org.acai.server.meta.EntityType;
import org.acai.server.meta.QueryOptions;

/**
 * A metadata search as the page URL holds it (so it can be shared and bookmarked): the entity type,
 * up to {@link #ROWS} AND-ed conditions, the sort key and the page cursor.
 *
 * @param type {@code file}, {@code fileset} or {@code job}
 * @param rows the condition rows, always {@link #ROWS} of them, blank ones ignored
 * @param sort a key, {@code -key} for descending, or empty for creation order
 * @param cursor the cursor of this page, or empty for the first
 */
public record SearchForm(String type, List<Row> rows, String sort, String cursor) {
  static final int ROWS = 5;
  static final int PAGE_SIZE = 50;
  private static final List<String> KINDS = List.of("value", "regex", "range", "max", "min");

  /**
   * One condition row.
   *
   * @param key metadata key, empty for an unused row
   * @param kind {@code value}, {@code regex}, {@code range}, {@code max} or {@code min}
   * @param value the value, the pattern or the range start (exclusive)
   * @param end the range end (inclusive)
   */
  public record Row(String key, String kind, String value, String end) {
    /** Whether the row holds a condition. */
    boolean used() {
      return !key.isEmpty();
    }
  }

  /** The condition kinds, in the form's order. */
  public static List<String> kinds() {
    return KINDS;
  }

  static SearchForm of(Context ctx) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      String kind = param(ctx, "c" + i).toLowerCase(Locale.ROOT);
      rows.add(
          new Row(
              param(ctx, "k" + i),
              KINDS.contains(kind) ? kind : "value",
              param(ctx, "v" + i),
              param(ctx, "e" + i)));
    }
    String type = param(ctx, "type").toLowerCase(Locale.ROOT);
    return new SearchForm(
        List.of("file", "fileset", "job").contains(type) ? type : "job",
        rows,
        param(ctx, "sort"),
        param(ctx, "cursor"));
  }

  /** Whether any condition was given (an empty form shows no results yet). */
  public boolean submitted() {
    return rows.stream().anyMatch(Row::used);
  }

  EntityType entityType() {
    return EntityType.parse(type);
  }

  /**
   * The conditions for the query service, which checks them.
   *
   * @throws InvalidRequestException if a range bound is not a number
   */
  List<Condition> conditions() {
    List<Condition> conditions = new ArrayList<>();
    for (Row row : rows) {
      if (!row.used()) {
        continue;
      }
      conditions.add(
          switch (row.kind()) {
            case "regex" -> Condition.regex(row.key(), row.value());
            case "range" ->
                Condition.range(
                    row.key(), number(row.key(), row.value()), number(row.key(), row.end()));
            case "max" -> Condition.max(row.key());
            case "min" -> Condition.min(row.key());
            default -> Condition.value(row.key(), scalar(row.value()));
          });
    }
    return conditions;
  }

  QueryOptions options() {
    return QueryOptions.of(sort, PAGE_SIZE, cursor);
  }

  /** The query string of the page after {@code nextCursor}. */
  public String nextQuery(String nextCursor) {
    StringBuilder query = new StringBuilder("?type=").append(encode(type));
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      if (row.used()) {
        query.append("&k").append(i).append('=').append(encode(row.key()));
        query.append("&c").append(i).append('=').append(encode(row.kind()));
        query.append("&v").append(i).append('=').append(encode(row.value()));
        query.append("&e").append(i).append('=').append(encode(row.end()));
      }
    }
    return query
        .append("&sort=")
        .append(encode(sort))
        .append("&cursor=")
        .append(encode(nextCursor))
        .toString();
  }

  /** A typed value: a number or boolean as such, {@code "quoted"} text or any other text. */
  static Object scalar(String text) {
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      return text.substring(1, text.length() - 1);
    }
    if ("true".equals(text) || "false".equals(text)) {
      return Boolean.valueOf(text);
    }
    if (text.matches("-?\\d{1,30}(\\.\\d{1,30})?([eE][-+]?\\d{1,4})?")) {
      return new BigDecimal(text);
    }
    return text;
  }

  private static BigDecimal number(String key, String text) {
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(
          "Invalid condition on key %s: range bounds must be numbers, got '%s'", key, text);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String param(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null ? "" : value.trim();
  }
}
