package org.acai.server.meta;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.ServiceUnavailableException;
import org.acai.api.meta.Condition;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Metadata queries: AND-ed conditions translated to SQL over JSONB (equality through the GIN
 * index), never evaluated in memory. Each query runs under a {@value #TIMEOUT_MILLIS} ms statement
 * timeout. Thread-safe.
 */
public final class MetaQuery {
  /** Longest regular expression accepted. */
  public static final int MAX_REGEX = 256;

  /** Most documents one query returns. */
  public static final int MAX_LIMIT = 10_000;

  static final int TIMEOUT_MILLIS = 5000;
  private static final int DEFAULT_LIMIT = 1000;

  private final Jdbi jdbi;

  /** Creates the query engine. */
  public MetaQuery(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * The documents matching every condition, sorted by {@code sort} ({@code -key} descending;
   * default: by id).
   *
   * @throws InvalidRequestException for malformed or contradictory conditions
   */
  public List<Map<String, Object>> find(
      long project, EntityType type, List<Condition> conditions, String sort, Integer limit) {
    List<Condition> all = conditions == null ? List.of() : conditions;
    all.forEach(MetaQuery::check);
    checkExtremes(all);
    int rows = limit == null ? DEFAULT_LIMIT : limit;
    if (rows < 1 || rows > MAX_LIMIT) {
      throw new InvalidRequestException("Invalid limit: %d (1 to %d)", rows, MAX_LIMIT);
    }
    String sql =
        "SELECT d.doc::text FROM meta_docs d WHERE "
            + Predicates.where("d", all, true)
            + order(sort)
            + " LIMIT "
            + rows;
    return run(project, type, all, sql, sort);
  }

  private List<Map<String, Object>> run(
      long project, EntityType type, List<Condition> all, String sql, String sort) {
    try {
      return jdbi.inTransaction(
          handle -> {
            handle.execute("SET LOCAL statement_timeout = " + TIMEOUT_MILLIS);
            Query query =
                handle.createQuery(sql).bind("project", project).bind("type", type.wireName());
            Predicates.bind(query, all);
            if (sort != null) {
              query.bind("sortKey", sort.startsWith("-") ? sort.substring(1) : sort);
            }
            return query.mapTo(String.class).map(MetaStore::parse).list();
          });
    } catch (UnableToExecuteStatementException e) {
      throw translate(e);
    }
  }

  private static String order(String sort) {
    if (sort == null || sort.isBlank()) {
      return " ORDER BY d.entity_id";
    }
    return " ORDER BY d.doc->:sortKey" + (sort.startsWith("-") ? " DESC" : "") + ", d.entity_id";
  }

  private static RuntimeException translate(UnableToExecuteStatementException e) {
    if (e.getCause() instanceof SQLException sql) {
      if ("2201B".equals(sql.getSQLState())) {
        return new InvalidRequestException(
            "Invalid regular expression: %s", firstLine(sql.getMessage()));
      }
      if ("57014".equals(sql.getSQLState())) {
        return new ServiceUnavailableException(
            "Query took longer than %d ms; narrow its conditions", TIMEOUT_MILLIS);
      }
      if ("22P02".equals(sql.getSQLState()) || "22003".equals(sql.getSQLState())) {
        return new InvalidRequestException(
            "Invalid condition value: %s", firstLine(sql.getMessage()));
      }
    }
    return e;
  }

  private static void check(Condition condition) {
    if (condition == null || condition.key() == null || condition.key().isEmpty()) {
      throw new InvalidRequestException("Invalid condition: missing key");
    }
    String key = condition.key();
    switch (condition.type() == null ? "" : condition.type()) {
      case "value":
        checkValue(key, condition.value(), Boolean.TRUE.equals(condition.re()));
        break;
      case "range":
        range(key, condition.value());
        break;
      case "max":
      case "min":
      case "exists":
        break;
      default:
        throw new InvalidRequestException(
            "Invalid condition on key %s: unknown type %s (value, range, max, min, exists)",
            key, condition.type());
    }
  }

  private static void checkValue(String key, Object value, boolean regex) {
    if (value == null) {
      throw new InvalidRequestException("Invalid condition on key %s: value is required", key);
    }
    if (regex && (!(value instanceof String pattern) || pattern.length() > MAX_REGEX)) {
      throw new InvalidRequestException(
          "Invalid condition on key %s: a regex is a string of at most %d characters",
          key, MAX_REGEX);
    }
    if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
      throw new InvalidRequestException(
          "Invalid condition on key %s: value must be a string, number or boolean", key);
    }
  }

  static BigDecimal[] range(String key, Object value) {
    if (!(value instanceof List<?> bounds)
        || bounds.size() != 2
        || !(bounds.get(0) instanceof Number start)
        || !(bounds.get(1) instanceof Number end)) {
      throw new InvalidRequestException(
          "Invalid range on key %s: expected [start, end] numbers", key);
    }
    return new BigDecimal[] {new BigDecimal(start.toString()), new BigDecimal(end.toString())};
  }

  private static void checkExtremes(List<Condition> conditions) {
    Set<String> maxKeys = new HashSet<>();
    Set<String> minKeys = new HashSet<>();
    for (Condition condition : conditions) {
      Set<String> same =
          "max".equals(condition.type())
              ? maxKeys
              : "min".equals(condition.type()) ? minKeys : null;
      if (same != null && !same.add(condition.key())) {
        throw new InvalidRequestException(
            "Invalid conditions: %s twice on key %s", condition.type(), condition.key());
      }
    }
    maxKeys.retainAll(minKeys);
    if (!maxKeys.isEmpty()) {
      throw new InvalidRequestException(
          "Invalid conditions: max and min on the same key %s", maxKeys.iterator().next());
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
