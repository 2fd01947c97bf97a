package org.acai.server.meta;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/** The statements of one metadata query, on one transaction. */
final class QueryRun {
  private final Handle handle;
  private final Duration timeout;

  QueryRun(Handle handle, Duration timeout) {
    this.handle = handle;
    this.timeout = timeout;
  }

  /**
   * Bounds this transaction: a statement timeout, plans made for the actual values (a generic plan
   * cannot see which GIN keys or regex prefix a value gives), and no JIT, whose compile time
   * exceeds these queries' run time.
   */
  void limitResources() {
    handle
        .createQuery(
            "SELECT set_config('statement_timeout', :timeout, true) AS timeout,"
                + " set_config('plan_cache_mode', 'force_custom_plan', true) AS plans,"
                + " set_config('jit', 'off', true) AS jit")
        .bind("timeout", Long.toString(timeout.toMillis()))
        .mapTo(String.class)
        .one();
  }

  /** Compiles the pattern in PostgreSQL, whose regex dialect is the one that will run it. */
  void checkRegex(Term.Matches term) {
    try {
      handle
          .createQuery("SELECT '' ~ :pattern")
          .bind("pattern", term.pattern())
          .mapTo(Boolean.class)
          .one();
    } catch (JdbiException e) {
      throw PgErrors.regex(e, term.key(), timeout);
    }
  }

  /** Runs the query; a page of at most {@code options.limit()} documents and the next cursor. */
  MetaPage page(QuerySql sql, QueryOptions options) {
    List<Row> rows;
    try {
      rows =
          handle
              .createQuery(sql.text())
              .bindMap(sql.binds())
              .map(
                  (rs, ctx) ->
                      new Row(rs.getLong("seq"), rs.getString("doc"), rs.getString("sort_value")))
              .list();
    } catch (JdbiException e) {
      throw PgErrors.query(e, timeout);
    }
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Row row : rows.subList(0, Math.min(rows.size(), options.limit()))) {
      docs.add(MetaJson.read(row.doc()));
    }
    if (rows.size() <= options.limit()) {
      return new MetaPage(docs, null);
    }
    Row last = rows.get(options.limit() - 1);
    String sort = options.sort() == null ? "" : options.sort();
    return new MetaPage(docs, new Cursor(sort, last.sortValue(), last.seq()).encode());
  }

  /** A result row: creation sequence, document JSON, sort value JSON (null without a sort). */
  private record Row(long seq, String doc, String sortValue) {}
}
