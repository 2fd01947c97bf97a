package org.acai.api.meta;

import java.util.List;
import java.util.Map;

/**
 * Answer of the metadata endpoints: {@code {"status":"success","data":[doc, …]}}.
 *
 * @param status always {@code success}
 * @param data the documents, each with {@code _id}, system fields and user fields
 */
public record MetaResponse(String status, List<Map<String, Object>> data) {
  /** A successful answer. */
  public static MetaResponse of(List<Map<String, Object>> data) {
    return new MetaResponse("success", data);
  }
}
