package org.acai.api.meta;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One condition of a metadata query, as the original client sends it: {@code {key, type, value?,
 * re?}}. Types: {@code value} (equality; with {@code re} a regular expression), {@code range}
 * ({@code value} = [start, end], start exclusive, end inclusive), {@code max}, {@code min}, and
 * {@code exists}.
 *
 * @param key the metadata key
 * @param type the condition type
 * @param value the value, pattern or range, depending on the type
 * @param re whether {@code value} is a regular expression
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(String key, String type, Object value, Boolean re) {
  /** Type of equality and regular-expression conditions. */
  public static final String VALUE = "value";

  /** Type of numeric ranges. */
  public static final String RANGE = "range";

  /** Type of largest-value conditions. */
  public static final String MAX = "max";

  /** Type of smallest-value conditions. */
  public static final String MIN = "min";

  /** Type of key-presence conditions. */
  public static final String EXISTS = "exists";

  /** Whether {@code value} is a regular expression. */
  @JsonIgnore
  public boolean isRegex() {
    return Boolean.TRUE.equals(re);
  }

  /** Equality with {@code value}. */
  public static Condition value(String key, Object value) {
    return new Condition(key, VALUE, value, null);
  }

  /** A regular expression matched against string values. */
  public static Condition regex(String key, String pattern) {
    return new Condition(key, VALUE, pattern, true);
  }

  /** A numeric range, start exclusive, end inclusive. */
  public static Condition range(String key, Number start, Number end) {
    return new Condition(key, RANGE, java.util.List.of(start, end), null);
  }

  /** The entities with the largest value of {@code key} among those matching the rest. */
  public static Condition max(String key) {
    return new Condition(key, MAX, null, null);
  }

  /** The entities with the smallest value of {@code key} among those matching the rest. */
  public static Condition min(String key) {
    return new Condition(key, MIN, null, null);
  }

  /** Entities that have {@code key}. */
  public static Condition exists(String key) {
    return new Condition(key, EXISTS, null, null);
  }
}
