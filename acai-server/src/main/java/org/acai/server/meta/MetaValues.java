package org.acai.server.meta;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;

/** What keys and values metadata may hold, shared by updates and queries. */
final class MetaValues {
  static final String TAGS = "tags";

  private MetaValues() {}

  /**
   * Checks a key named in an update, a condition or a sort: any key, system keys included.
   *
   * @throws InvalidRequestException if it is empty, too long or holds control characters
   */
  static void checkKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new InvalidRequestException("Invalid metadata key: empty");
    }
    if (key.length() > MetaLimits.MAX_KEY_LENGTH) {
      throw new InvalidRequestException(
          "Invalid metadata key %s...: longer than %d characters",
          key.substring(0, 32), MetaLimits.MAX_KEY_LENGTH);
    }
    if (key.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRequestException("Invalid metadata key: contains control characters");
    }
  }

  /** A JSON scalar a user may store or compare with: string, boolean or finite number. */
  static boolean isScalar(Object value) {
    if (value instanceof Number number) {
      return toDecimal(number) != null;
    }
    return value instanceof String || value instanceof Boolean;
  }

  /** The exact decimal of a number, or null for NaN and infinities. */
  static BigDecimal toDecimal(Number number) {
    if (number instanceof BigDecimal decimal) {
      return decimal;
    }
    try {
      return new BigDecimal(number.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** How an error message names a value's type. */
  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Collection) {
      return "a list";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return value instanceof Number ? String.valueOf(value) : value.getClass().getSimpleName();
  }
}
