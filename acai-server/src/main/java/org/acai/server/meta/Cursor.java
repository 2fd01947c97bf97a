package org.acai.server.meta;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;

/**
 * Where a page ended: the sort value (JSON text) and creation sequence of its last entity, plus the
 * sort it belongs to. Travels as opaque base64url text.
 *
 * @param sort the query's sort ({@code ""} for creation order)
 * @param value JSON text of the last entity's sort value, or null for creation order
 * @param seq the last entity's creation sequence
 */
record Cursor(String sort, String value, long seq) {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  String encode() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("sort", sort);
    fields.put("value", value);
    fields.put("seq", seq);
    return ENCODER.encodeToString(MetaJson.write(fields).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a cursor of a query with the given sort.
   *
   * @throws InvalidRequestException if the text is not a cursor or belongs to another sort
   */
  static Cursor decode(String text, String sort) {
    String expectedSort = sort == null ? "" : sort;
    Map<String, Object> fields;
    try {
      fields = MetaJson.read(new String(DECODER.decode(text), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new InvalidRequestException("Invalid cursor: %s", text);
    }
    Object cursorSort = fields.get("sort");
    Object value = fields.get("value");
    Object seq = fields.get("seq");
    if (!(seq instanceof Integer || seq instanceof Long)
        || !(value == null || (value instanceof String && MetaJson.isJson((String) value)))
        || !(cursorSort instanceof String)) {
      throw new InvalidRequestException("Invalid cursor: %s", text);
    }
    if (!cursorSort.equals(expectedSort) || (value == null) != expectedSort.isEmpty()) {
      throw new InvalidRequestException(
          "Invalid cursor: it continues a query sorted by '%s', not '%s'",
          cursorSort, expectedSort);
    }
    return new Cursor(expectedSort, (String) value, ((Number) seq).longValue());
  }
}
