package org.acai.server.meta;

import org.acai.api.error.InvalidRequestException;

/**
 * Order and paging of a metadata query.
 *
 * @param sort key to sort by, {@code -key} for descending, null for creation order; entities
 *     without the key sort as JSON null (first ascending, last descending), ties by creation order
 * @param limit page size, 1 to {@link MetaLimits#MAX_LIMIT}
 * @param cursor {@link MetaPage#nextCursor()} of the previous page of the same query, or null
 */
public record QueryOptions(String sort, int limit, String cursor) {
  /**
   * Checks the options.
   *
   * @throws InvalidRequestException if the limit is out of range or the sort key is empty
   */
  public QueryOptions {
    if (limit < 1 || limit > MetaLimits.MAX_LIMIT) {
      throw new InvalidRequestException(
          "Invalid limit: %d (expected 1 to %d)", limit, MetaLimits.MAX_LIMIT);
    }
    if (sort != null && (sort.isEmpty() || "-".equals(sort))) {
      throw new InvalidRequestException("Invalid sort: '%s' (expected key or -key)", sort);
    }
  }

  /** Creation order, the default page size, first page. */
  public static QueryOptions defaults() {
    return new QueryOptions(null, MetaLimits.DEFAULT_LIMIT, null);
  }

  /**
   * Options from optional wire fields; absent ones take their defaults.
   *
   * @throws InvalidRequestException if a field is invalid
   */
  public static QueryOptions of(String sort, Integer limit, String cursor) {
    return new QueryOptions(
        sort == null || sort.isEmpty() ? null : sort,
        limit == null ? MetaLimits.DEFAULT_LIMIT : limit,
        cursor == null || cursor.isEmpty() ? null : cursor);
  }

  /** These options with another sort. */
  public QueryOptions withSort(String newSort) {
    return new QueryOptions(newSort, limit, cursor);
  }

  /** These options with another page size. */
  public QueryOptions withLimit(int newLimit) {
    return new QueryOptions(sort, newLimit, cursor);
  }

  /** These options continuing after the page that returned {@code nextCursor}. */
  public QueryOptions after(String nextCursor) {
    return new QueryOptions(sort, limit, nextCursor);
  }

  boolean isDescending() {
    return sort != null && sort.startsWith("-");
  }

  /** The sort key without its direction, or null for creation order. */
  String sortKey() {
    return isDescending() ? sort.substring(1) : sort;
  }
}
