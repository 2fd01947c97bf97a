package org.acai.server.meta;

import java.util.Set;

/**
 * The system numbers every document carries, indexed by expression on {@code meta_docs} (migration
 * V25) instead of rows in {@code meta_numbers}. The view {@code entity_docs} (V27) has each as a
 * column spelled, in its stored branch, exactly as the index's expression, so that conditions on
 * the column reach the index. The column's name comes from the key, so the key is part of the SQL
 * text: only ever one of {@link #KEYS}, never a caller's string.
 */
final class DocNumbers {
  private static final Set<String> KEYS =
      Set.of("__size__", "__version__", "__creator_id__", "__create_time__");

  private DocNumbers() {}

  /** Whether {@code key}'s numbers are in an expression index rather than the numbers table. */
  static boolean indexed(String key) {
    return KEYS.contains(key);
  }

  /** The view's column of the indexed expression: the key's value as a number. */
  static String value(String alias, String key) {
    return alias + "." + column(key) + "_number";
  }

  /** The view's column of the index's predicate: the key holds a number. */
  static String isNumber(String alias, String key) {
    return alias + "." + column(key) + "_is_number";
  }

  private static String column(String key) {
    String checked = checked(key);
    return checked.substring(2, checked.length() - 2);
  }

  private static String checked(String key) {
    if (!indexed(key)) {
      throw new IllegalArgumentException("Not an indexed system number: " + key);
    }
    return key;
  }
}
