package org.acai.server.meta;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.db.DigestKeys;
import org.acai.server.storage.FileRef;

/**
 * The SQL of one metadata query, over stored and derived documents alike ({@link DerivedDocs}):
 * every condition becomes a predicate over indexes (GIN containment of the document's {@link
 * Searchable} part for values, the path and system numbers' own indexes for theirs, the numbers
 * table for other ranges and extremes), the whole in one statement.
 *
 * <p>Values only ever travel as bind parameters; the SQL text holds nothing a caller chose.
 */
final class QuerySql {
  private static final String SORT_VALUE = "COALESCE(d.doc -> :sort_key, CAST('null' AS jsonb))";

  /** System strings the view has as columns (V27), each indexed in both its branches. */
  private static final Map<String, String> STRING_COLUMNS =
      Map.of("__full_path__", "full_path", "__sha256__", "sha256");

  private final List<Indexed> filters = new ArrayList<>();
  private final List<Indexed> extremes = new ArrayList<>();
  private final Map<String, Object> binds = new LinkedHashMap<>();
  private final EntityType type;
  private int aliases;

  /** The statement text; rows have {@code seq}, {@code doc} and {@code sort_value}. */
  private String text;

  private QuerySql(EntityType type) {
    this.type = type;
  }

  /** A term and the suffix of its bind parameters. */
  private record Indexed(Term term, int n) {}

  static QuerySql of(
      long projectId, EntityType type, List<Term> terms, QueryOptions options, Cursor after) {
    QuerySql sql = new QuerySql(type);
    sql.binds.put("project", projectId);
    sql.binds.put("type", type.wireName());
    for (int n = 0; n < terms.size(); n++) {
      sql.add(terms.get(n), n);
    }
    sql.text = sql.select(options, after);
    return sql;
  }

  String text() {
    return text;
  }

  Map<String, Object> binds() {
    return Collections.unmodifiableMap(binds);
  }

  private void add(Term term, int n) {
    binds.put("k" + n, term.key());
    if (term instanceof Term.Equals) {
      binds.put("c" + n, ((Term.Equals) term).containment());
    } else if (term instanceof Term.Matches) {
      binds.put("c" + n, ((Term.Matches) term).pattern());
    } else if (term instanceof Term.Between) {
      binds.put("lo" + n, ((Term.Between) term).low());
      binds.put("hi" + n, ((Term.Between) term).high());
    }
    (term instanceof Term.Extreme ? extremes : filters).add(new Indexed(term, n));
  }

  private String select(QueryOptions options, Cursor after) {
    StringBuilder sql = new StringBuilder("SELECT d.seq, CAST(d.doc AS text) AS doc, ");
    String sortKey = options.sortKey();
    String direction = options.isDescending() ? " DESC" : " ASC";
    sql.append(sortKey == null ? "NULL" : "CAST(" + SORT_VALUE + " AS text)")
        .append(" AS sort_value FROM ")
        .append(DerivedDocs.VIEW)
        .append(" d WHERE ")
        .append(where("d", extremes.size()));
    if (sortKey == null) {
      binds.put("fetch", options.limit() + 1);
      if (after != null) {
        sql.append(" AND d.seq > :after_seq");
        binds.put("after_seq", after.seq());
      }
      return sql.append(" ORDER BY d.seq LIMIT :fetch").toString();
    }
    binds.put("sort_key", sortKey);
    binds.put("fetch", options.limit() + 1);
    if (after != null) {
      sql.append(" AND (")
          .append(SORT_VALUE)
          .append(", d.seq) ")
          .append(options.isDescending() ? "<" : ">")
          .append(" (CAST(:after_value AS jsonb), :after_seq)");
      binds.put("after_value", after.value());
      binds.put("after_seq", after.seq());
    }
    return sql.append(" ORDER BY ")
        .append(SORT_VALUE)
        .append(direction)
        .append(", d.seq")
        .append(direction)
        .append(" LIMIT :fetch")
        .toString();
  }

  /** The scope, every filter, and the first {@code extremeCount} extremes, on {@code alias}. */
  private String where(String alias, int extremeCount) {
    List<String> parts = new ArrayList<>();
    parts.add(alias + ".project_id = :project AND " + alias + ".entity_type = :type");
    parts.add(alias + ".seq IS NOT NULL");
    // Deleted entities wait in the trash: hidden from queries until restored.
    parts.add(alias + ".deletion_id IS NULL");
    if (!derivedMayMatch()) {
      // A constant for the planner: the derived documents' branch is left out of the plan.
      parts.add("NOT " + alias + ".virtual");
    }
    for (Indexed filter : filters) {
      parts.add(predicate(filter, alias));
    }
    for (int j = 0; j < extremeCount; j++) {
      parts.add(extreme(j, alias));
    }
    return String.join(" AND ", parts);
  }

  /** Whether a derived document can pass every condition: it has only the system keys. */
  private boolean derivedMayMatch() {
    return filters.stream().allMatch(f -> DerivedDocs.mayHave(f.term().key()))
        && extremes.stream().allMatch(e -> DerivedDocs.mayHave(e.term().key()));
  }

  private String predicate(Indexed indexed, String a) {
    Term term = indexed.term();
    int n = indexed.n();
    if (term instanceof Term.Equals) {
      return equality((Term.Equals) term, a, n);
    }
    if (term instanceof Term.Present) {
      return String.format("(%1$s.doc -> :k%2$d) IS NOT NULL", a, n);
    }
    if (term instanceof Term.Between && DocNumbers.indexed(term.key())) {
      String number = DocNumbers.value(a, term.key());
      String between =
          String.format(
              "%1$s AND %2$s > :lo%3$d AND %2$s <= :hi%3$d",
              DocNumbers.isNumber(a, term.key()), number, n);
      if (!"__create_time__".equals(term.key())) {
        return between;
      }
      // For derived documents, also a range of the commit time around it, which the block range
      // index answers (V27). A stored document's branch folds the OR to true at plan time.
      return between
          + String.format(
              " AND (NOT %1$s.virtual OR %1$s.created_at > %2$s - interval '1 second'"
                  + " AND %1$s.created_at < %3$s + interval '1 second')",
              a, epochMillis(":lo" + n), epochMillis(":hi" + n));
    }
    if (term instanceof Term.Between) {
      return String.format(
          "%1$s.seq IN (SELECT %2$s.seq FROM meta_numbers %2$s WHERE %2$s.project_id = :project"
              + " AND %2$s.entity_type = :type AND %2$s.key = :k%3$d"
              + " AND %2$s.num > :lo%3$d AND %2$s.num <= :hi%3$d)",
          a, alias("r"), n);
    }
    if (MetaValues.TAGS.equals(term.key())) {
      return String.format(
          "EXISTS (SELECT 1 FROM jsonb_array_elements_text(CASE WHEN"
              + " jsonb_typeof(%1$s.doc -> :k%3$d) = 'array' THEN %1$s.doc -> :k%3$d END)"
              + " AS %2$s(t) WHERE %2$s.t ~ :c%3$d)",
          a, alias("e"), n);
    }
    if (STRING_COLUMNS.containsKey(term.key())) {
      // Always a string where present: the view's column reaches each branch's index.
      return String.format("%1$s.%2$s ~ :c%3$d", a, STRING_COLUMNS.get(term.key()), n);
    }
    // Two top-level clauses, so that the planner can match an index to the second.
    return String.format(
        "jsonb_typeof(%1$s.doc -> :k%2$d) = 'string' AND (%1$s.doc ->> :k%2$d) ~ :c%2$d", a, n);
  }

  /**
   * Equality: containment in the GIN index's part of the document; for a system number or the path,
   * which that part leaves out, the key's own column; for an id, its own index narrowing the rows
   * and containment in the whole document deciding.
   */
  private String equality(Term.Equals term, String a, int n) {
    String key = term.key();
    Object value = term.value();
    if (Searchable.inIndex(key)) {
      String part = String.format("%1$s @> CAST(:c%2$d AS jsonb)", Searchable.part(a), n);
      if ("__sha256__".equals(key) && value instanceof String) {
        // The digest's own index serves derived documents, which the GIN index does not hold.
        binds.put("v" + n, value);
        return DigestKeys.same(a + ".sha256", ":v" + n) + " AND " + part;
      }
      return part;
    }
    if (DocNumbers.indexed(key) && value instanceof Number) {
      // The number's own column: exactly containment for a number, and no document to build.
      binds.put("v" + n, MetaValues.toDecimal((Number) value));
      return DocNumbers.isNumber(a, key) + " AND " + DocNumbers.value(a, key) + " = :v" + n;
    }
    if ("__full_path__".equals(key) && value instanceof String) {
      // The same: a path is always a string.
      binds.put("v" + n, value);
      return String.format("%1$s.full_path = :v%2$d", a, n);
    }
    String contained = String.format("%1$s.doc @> CAST(:c%2$d AS jsonb)", a, n);
    if (!"_id".equals(key) || !(value instanceof String)) {
      // __type__ is the entity type's own, and a value of another kind than the key's matches
      // nothing: the scope's rows, checked one by one.
      return contained;
    }
    binds.put("v" + n, value);
    String narrowed = String.format("%1$s.entity_id = :v%2$d", a, n);
    if (type == EntityType.FILE) {
      // The path's indexes find a file version in either branch; its id alone, only stored.
      binds.put("p" + n, pathOf((String) value));
      narrowed += String.format(" AND %1$s.full_path = :p%2$d", a, n);
    }
    return narrowed + " AND " + contained;
  }

  /**
   * The entities tied at the extreme of extreme {@code j} among those matching the filters and the
   * extremes before it. The extreme value is the first entry of the numbers index, walked in order,
   * whose document passes (the planner may instead start from the documents when they are few).
   */
  private String extreme(int j, String a) {
    Indexed indexed = extremes.get(j);
    if (DocNumbers.indexed(indexed.term().key())) {
      return docExtreme(j, a);
    }
    String x = alias("x");
    String value =
        String.format(
            "SELECT %1$s.num FROM meta_numbers %1$s JOIN "
                + DerivedDocs.VIEW
                + " %2$s"
                + " ON %2$s.project_id = %1$s.project_id AND %2$s.entity_type = %1$s.entity_type"
                + " AND %2$s.seq = %1$s.seq WHERE %1$s.project_id = :project"
                + " AND %1$s.entity_type = :type AND %1$s.key = :k%3$d AND %4$s"
                + " ORDER BY %1$s.num %5$s LIMIT 1",
            alias("n"),
            x,
            indexed.n(),
            where(x, j),
            ((Term.Extreme) indexed.term()).largest() ? "DESC" : "ASC");
    if (j == 0 && filters.isEmpty()) {
      // Nothing else narrows the documents: find the tied ones in the numbers index.
      return String.format(
          "%1$s.seq IN (SELECT %2$s.seq FROM meta_numbers %2$s WHERE %2$s.project_id = :project"
              + " AND %2$s.entity_type = :type AND %2$s.key = :k%3$d AND %2$s.num = (%4$s))",
          a, alias("m"), indexed.n(), value);
    }
    // Other conditions narrow the documents: check the tie with the same GIN index they use (the
    // numbers table holds no key the index leaves out). No stored value is JSON null, so an empty
    // set (extreme NULL) matches nothing.
    return String.format(
        "%1$s @> jsonb_build_object(:k%2$d, (%3$s))", Searchable.part(a), indexed.n(), value);
  }

  /**
   * {@link #extreme} of a number kept in an expression index of the documents: the first document
   * in that index's order that passes the other conditions holds the extreme value.
   */
  private String docExtreme(int j, String a) {
    Indexed indexed = extremes.get(j);
    String key = indexed.term().key();
    String x = alias("x");
    String value =
        String.format(
            "SELECT %1$s FROM "
                + DerivedDocs.VIEW
                + " %2$s WHERE %3$s AND %4$s ORDER BY %1$s %5$s LIMIT 1",
            DocNumbers.value(x, key),
            x,
            where(x, j),
            DocNumbers.isNumber(x, key),
            ((Term.Extreme) indexed.term()).largest() ? "DESC" : "ASC");
    return String.format(
        "%1$s AND %2$s = (%3$s)", DocNumbers.isNumber(a, key), DocNumbers.value(a, key), value);
  }

  /** The path of a file id as a caller wrote it, or "" (no file's) when it is not a file id. */
  private static String pathOf(String id) {
    try {
      return FileRef.parse(id).path().value();
    } catch (InvalidRequestException e) {
      return "";
    }
  }

  /** A time from milliseconds, clamped to the years -1200..5100: any number a caller sends fits. */
  private static String epochMillis(String bind) {
    return "to_timestamp(LEAST(GREATEST(CAST("
        + bind
        + " AS double precision) / 1000, -1e11), 1e11))";
  }

  private String alias(String prefix) {
    aliases++;
    return prefix + aliases;
  }
}
