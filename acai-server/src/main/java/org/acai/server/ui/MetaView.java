package org.acai.server.ui;

import java.util.List;
import java.util.Map;

/**
 * An entity's metadata as a page shows it: the form posts to {@code /ui/meta} with {@code type} and
 * {@code id}.
 *
 * @param type {@code file} or {@code fileset}
 * @param id the explicit id the document describes
 * @param tags the user's tags
 * @param values the user's key/values, in document order
 */
public record MetaView(
    String type, String id, List<String> tags, List<Map.Entry<String, String>> values) {
  /** The view of a stored document: system ({@code __…}, {@code _id}) fields are left out. */
  static MetaView of(String type, String id, Map<String, Object> doc) {
    Object rawTags = doc.get("tags");
    List<String> tags =
        rawTags instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    List<Map.Entry<String, String>> values =
        doc.entrySet().stream()
            .filter(e -> !e.getKey().startsWith("_") && !"tags".equals(e.getKey()))
            .map(e -> Map.entry(e.getKey(), String.valueOf(e.getValue())))
            .toList();
    return new MetaView(type, id, tags, values);
  }
}
