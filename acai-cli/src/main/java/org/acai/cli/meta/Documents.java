package org.acai.cli.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import org.acai.api.json.WireJson;

/** Prints metadata documents as one JSON object per line. */
final class Documents {
  private Documents() {}

  static String render(Map<String, Object> doc) {
    try {
      return WireJson.mapper().writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      return String.valueOf(doc);
    }
  }
}
