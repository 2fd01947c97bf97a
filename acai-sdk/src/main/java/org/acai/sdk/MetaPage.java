package org.acai.sdk;

import java.util.List;
import java.util.Map;

/**
 * One page of a metadata query.
 *
 * @param docs the full metadata documents, in the query's order
 * @param nextCursor pass to {@link MetaSearch#after(String)} for the next page; null on the last
 */
public record MetaPage(List<Map<String, Object>> docs, String nextCursor) {
  /** Copies the documents list. */
  public MetaPage {
    docs = List.copyOf(docs);
  }

  /** Whether another page follows. */
  public boolean hasMore() {
    return nextCursor != null;
  }
}
