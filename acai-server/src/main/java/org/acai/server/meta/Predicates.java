package org.acai.server.meta;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acai.api.meta.Condition;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL of conditions. Keys and values are always bound parameters ({@code :k3}, {@code :v3}), never
 * spliced into the text; the same parameters serve the outer query and max/min sub-queries.
 */
final class Predicates {
  private Predicates() {}

  /** The WHERE clause over alias {@code a}; with {@code extremes}, max/min become sub-queries. */
  static String where(String a, List<Condition> conditions, boolean extremes) {
    List<String> parts = new ArrayList<>();
    parts.add(a + ".project_id = :project AND " + a + ".entity_type = :type");
    for (int i = 0; i < conditions.size(); i++) {
      Condition condition = conditions.get(i);
      String type = condition.type();
      if ("max".equals(type) || "min".equals(type)) {
        if (extremes) {
          parts.add(extreme(a, conditions, i));
        }
      } else {
        parts.add(predicate(a, condition, i));
      }
    }
    return String.join(" AND ", parts);
  }

  private static String predicate(String a, Condition condition, int i) {
    String field = a + ".doc->:k" + i;
    String text = a + ".doc->>:k" + i;
    switch (condition.type()) {
      case "exists":
        return "jsonb_exists(" + a + ".doc, :k" + i + ")";
      case "range":
        return "(jsonb_typeof("
            + field
            + ") = 'number' AND ("
            + text
            + ")::numeric > :lo"
            + i
            + " AND ("
            + text
            + ")::numeric <= :hi"
            + i
            + ")";
      default:
        if (Boolean.TRUE.equals(condition.re())) {
          return "((jsonb_typeof("
              + field
              + ") = 'string' AND "
              + text
              + " ~ :v"
              + i
              + ") OR EXISTS (SELECT 1 FROM"
              + " jsonb_array_elements_text(CASE WHEN jsonb_typeof("
              + field
              + ") = 'array' THEN "
              + field
              + " ELSE '[]'::jsonb END) AS e(x) WHERE e.x ~ :v"
              + i
              + "))";
        }
        return "("
            + a
            + ".doc @> CAST(:eq"
            + i
            + " AS jsonb) OR "
            + a
            + ".doc @> CAST(:in"
            + i
            + " AS jsonb))";
    }
  }

  /** Ties at the extreme value among the entities matching every other condition. */
  private static String extreme(String a, List<Condition> conditions, int i) {
    String function = "max".equals(conditions.get(i).type()) ? "max" : "min";
    List<Condition> rest = new ArrayList<>(conditions);
    rest.set(i, Condition.exists(conditions.get(i).key()));
    String inner = where("e", rest, false);
    return "(jsonb_typeof("
        + a
        + ".doc->:k"
        + i
        + ") = 'number' AND ("
        + a
        + ".doc->>:k"
        + i
        + ")::numeric = (SELECT "
        + function
        + "((e.doc->>:k"
        + i
        + ")::numeric) FROM meta_docs e WHERE "
        + inner
        + " AND jsonb_typeof(e.doc->:k"
        + i
        + ") = 'number'))";
  }

  static void bind(Query query, List<Condition> conditions) {
    for (int i = 0; i < conditions.size(); i++) {
      Condition condition = conditions.get(i);
      query.bind("k" + i, condition.key());
      if ("range".equals(condition.type())) {
        BigDecimal[] bounds = MetaQuery.range(condition.key(), condition.value());
        query.bind("lo" + i, bounds[0]).bind("hi" + i, bounds[1]);
      } else if ("value".equals(condition.type())) {
        if (Boolean.TRUE.equals(condition.re())) {
          query.bind("v" + i, (String) condition.value());
        } else {
          query.bind("eq" + i, MetaStore.json(Map.of(condition.key(), condition.value())));
          query.bind("in" + i, MetaStore.json(Map.of(condition.key(), List.of(condition.value()))));
        }
      }
    }
  }
}
