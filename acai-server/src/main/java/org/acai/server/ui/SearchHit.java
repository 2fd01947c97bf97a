package org.acai.server.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import org.acai.server.meta.EntityType;

/**
 * One search result as the page lists it.
 *
 * @param id the entity's id ({@code /path:N}, {@code name:N} or the job number)
 * @param link the entity's dashboard page
 * @param summary its tags and user key/values, shortened
 */
public record SearchHit(String id, String link, String summary) {
  private static final int SUMMARY_CHARS = 300;

  static SearchHit of(EntityType type, Map<String, Object> doc) {
    String id = String.valueOf(doc.get("_id"));
    StringJoiner summary = new StringJoiner(", ");
    doc.forEach(
        (key, value) -> {
          if (!key.startsWith("_")) {
            summary.add(key + "=" + value);
          }
        });
    String text = summary.toString();
    if (text.length() > SUMMARY_CHARS) {
      text = text.substring(0, SUMMARY_CHARS) + "…";
    }
    return new SearchHit(id, link(type, id), text);
  }

  private static String link(EntityType type, String id) {
    return switch (type) {
      case FILE -> Links.fileId(id);
      case FILESET -> Links.set(id);
      case JOB -> "/ui/jobs/" + encode(id);
    };
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
