package org.acai.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Answer of the metadata endpoints: {@code {"status":"success","data":[doc, …]}}, plus {@code
 * next_cursor} when a query has more results than the page it answered, and {@code ignored} when
 * {@code get_meta} skipped directories among the files asked for.
 *
 * @param status always {@code success}
 * @param data the documents, each with {@code _id}, system fields and user fields
 * @param nextCursor what to send as {@code cursor} for the next page; absent on the last page
 * @param ignored the directories {@code get_meta} skipped (they carry no metadata); absent when
 *     none
 */
public record MetaResponse(
    String status,
    List<Map<String, Object>> data,
    @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> ignored) {
  /** A successful answer that is complete. */
  public static MetaResponse of(List<Map<String, Object>> data) {
    return new MetaResponse("success", data, null, null);
  }

  /** One page of a query's answer; {@code nextCursor} is null on the last page. */
  public static MetaResponse page(List<Map<String, Object>> data, String nextCursor) {
    return new MetaResponse("success", data, nextCursor, null);
  }

  /** A complete answer that skipped some of the ids asked for (directories). */
  public static MetaResponse ignoring(List<Map<String, Object>> data, List<String> ignored) {
    return new MetaResponse("success", data, null, List.copyOf(ignored));
  }
}
