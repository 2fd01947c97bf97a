package org.acai.api.meta;

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
  /** Equality with {@code value}. */
  public static Condition value(String key, Object value) {
    return new Condition(key, "value", value, null);
  }

  /** A regular expression matched against string values. */
  public static Condition regex(String key, String pattern) {
    return new Condition(key, "value", pattern, true);
  }

  /** A numeric range, start exclusive, end inclusive. */
  public static Condition range(String key, Number start, Number end) {
    return new Condition(key, "range", java.util.List.of(start, end), null);
  }

  /** The entities with the largest value of {@code key} among those matching the rest. */
  public static Condition max(String key) {
    return new Condition(key, "max", null, null);
  }

  /** The entities with the smallest value of {@code key} among those matching the rest. */
  public static Condition min(String key) {
    return new Condition(key, "min", null, null);
  }

  /** Entities that have {@code key}. */
  public static Condition exists(String key) {
    return new Condition(key, "exists", null, null);
  }
}
