package org.acai.server.meta;

import java.util.List;
import java.util.Map;

/**
 * One page of query results.
 *
 * @param docs full metadata documents, in the query's order
 * @param nextCursor cursor of the next page, or null if this is the last
 */
public record MetaPage(List<Map<String, Object>> docs, String nextCursor) {
  public MetaPage {
    docs = List.copyOf(docs);
  }

  /** Whether another page follows. */
  public boolean hasMore() {
    return nextCursor != null;
  }
}
