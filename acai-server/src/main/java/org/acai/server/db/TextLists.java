package org.acai.server.db;

import java.util.List;

/**
 * Lists of names (paths, digests) bound as one text parameter and split by PostgreSQL. pgjdbc binds
 * a {@code String[]} as an array literal, quoting and escaping every element, which the database
 * then parses back: for the thousands of paths of a batch upload that was several per cent of the
 * server's CPU. Joined by line breaks, which no path (control characters are refused) and no hex
 * digest holds. Write {@link #sql} where the array goes and bind {@link #joined}.
 */
public final class TextLists {
  private TextLists() {}

  /** The SQL of the {@code text[]} that a parameter bound to {@link #joined} holds. */
  public static String sql(String parameter) {
    return "string_to_array(:" + parameter + ", chr(10))";
  }

  /**
   * The values as one text; an empty list gives an empty array.
   *
   * @throws IllegalArgumentException if a value is empty or holds a line break
   */
  public static String joined(List<String> values) {
    StringBuilder text = new StringBuilder(values.size() * 48);
    for (String value : values) {
      if (value.isEmpty() || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("not a one-line name: " + value);
      }
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append(value);
    }
    return text.toString();
  }
}
