package org.acai.server.meta;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.meta.Condition;
import org.jdbi.v3.core.Jdbi;

/**
 * Metadata queries: AND-ed conditions checked, then run as one SQL statement over indexes (GIN
 * containment for values, the {@code meta_numbers} table for ranges and extremes), a page at a
 * time, never evaluated in memory. Each query runs under a statement timeout. Thread-safe.
 */
public final class MetaQuery {
  private final Jdbi jdbi;
  private final Duration timeout;

  /** Creates the query engine with {@link MetaLimits#QUERY_TIMEOUT}. */
  public MetaQuery(Jdbi jdbi) {
    this(jdbi, MetaLimits.QUERY_TIMEOUT);
  }

  /** Creates the query engine with another timeout, for tests. */
  MetaQuery(Jdbi jdbi, Duration timeout) {
    this.jdbi = jdbi;
    this.timeout = Objects.requireNonNull(timeout);
  }

  /**
   * One page of the entities of one type matching every condition, with their full documents.
   *
   * @throws InvalidRequestException if a condition, the sort or the cursor is invalid (including a
   *     regular expression PostgreSQL rejects)
   * @throws org.acai.api.error.ServiceUnavailableException if the query outlives the timeout
   */
  public MetaPage find(
      long project, EntityType type, List<Condition> conditions, QueryOptions options) {
    List<Term> terms = Terms.parse(conditions == null ? List.of() : conditions);
    if (options.sortKey() != null) {
      MetaValues.checkKey(options.sortKey());
    }
    Cursor after =
        options.cursor() == null ? null : Cursor.decode(options.cursor(), options.sort());
    QuerySql sql = QuerySql.of(project, type, terms, options, after);
    return jdbi.inTransaction(
        handle -> {
          QueryRun run = new QueryRun(handle, timeout);
          run.limitResources();
          for (Term term : terms) {
            if (term instanceof Term.Matches matches) {
              run.checkRegex(matches);
            }
          }
          return run.page(sql, options);
        });
  }
}
