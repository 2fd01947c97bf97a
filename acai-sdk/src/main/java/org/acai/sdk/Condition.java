package org.acai.sdk;

import java.util.List;
import org.acai.api.error.InvalidRequestException;

/**
 * A metadata query condition, built as in the original SDK: {@code
 * Condition.of("model").value("cnn")}, {@code Condition.of("model").value("^c.n$").re()} (or {@code
 * re().value(…)}), {@code Condition.of("accuracy").max()}, {@code Condition.of("loss").range(0,
 * 0.5)}. Immutable.
 */
public final class Condition {
  private final String key;
  private final String type;
  private final Object value;
  private final boolean regex;

  private Condition(String key, String type, Object value, boolean regex) {
    this.key = key;
    this.type = type;
    this.value = value;
    this.regex = regex;
  }

  /** A condition on {@code key}; choose its kind next. */
  public static Condition of(String key) {
    if (key == null || key.isEmpty()) {
      throw new InvalidRequestException("Invalid condition: missing key");
    }
    return new Condition(key, null, null, false);
  }

  /** Equality with {@code v} (string, number or boolean; 0, false and "" are real values). */
  public Condition value(Object v) {
    if (v == null) {
      throw new InvalidRequestException("Invalid condition on key %s: value is required", key);
    }
    if (regex && !(v instanceof String)) {
      throw new InvalidRequestException(
          "Invalid condition on key %s: a regex must be a string", key);
    }
    return new Condition(key, "value", v, regex);
  }

  /**
   * Makes the condition's {@link #value} a regular expression over string values, in either order:
   * {@code value("^c.n$").re()} as in the original SDK, or {@code re().value("^c.n$")}.
   *
   * @throws InvalidRequestException if the condition is not a {@code value} one or its value is not
   *     a string
   */
  public Condition re() {
    if (type != null && !"value".equals(type)) {
      throw new InvalidRequestException(
          "Invalid condition on key %s: re() applies to value(), not %s()", key, type);
    }
    if (value != null && !(value instanceof String)) {
      throw new InvalidRequestException(
          "Invalid condition on key %s: a regex must be a string", key);
    }
    return new Condition(key, type, value, true);
  }

  /** Values in (start, end]: start exclusive, end inclusive. */
  public Condition range(Number start, Number end) {
    return new Condition(key, "range", List.of(start, end), false);
  }

  /** The entities with the largest value among those matching the other conditions. */
  public Condition max() {
    return new Condition(key, "max", null, false);
  }

  /** The entities with the smallest value among those matching the other conditions. */
  public Condition min() {
    return new Condition(key, "min", null, false);
  }

  /** Entities that have the key. */
  public Condition exists() {
    return new Condition(key, "exists", null, false);
  }

  /**
   * The wire form.
   *
   * @throws InvalidRequestException if no kind was chosen
   */
  public org.acai.api.meta.Condition toWire() {
    if (type == null) {
      throw new InvalidRequestException(
          "Invalid condition on key %s: choose value, range, max, min or exists", key);
    }
    return new org.acai.api.meta.Condition(key, type, value, regex ? Boolean.TRUE : null);
  }
}
