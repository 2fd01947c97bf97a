package org.acai.server.meta;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.meta.Condition;

/** Checks wire conditions and turns them into {@link Term}s; every mistake is a 400. */
final class Terms {
  private Terms() {}

  /**
   * Checks and converts the conditions of one query.
   *
   * @throws InvalidRequestException naming the first invalid condition
   */
  static List<Term> parse(List<Condition> conditions) {
    if (conditions.size() > MetaLimits.MAX_CONDITIONS) {
      throw new InvalidRequestException(
          "Invalid query: %d conditions (at most %d)",
          conditions.size(), MetaLimits.MAX_CONDITIONS);
    }
    List<Term> terms = new ArrayList<>();
    Map<String, Boolean> extremes = new HashMap<>();
    for (Condition condition : conditions) {
      if (condition == null) {
        throw new InvalidRequestException("Invalid condition: null");
      }
      Term term = parse(condition);
      if (term instanceof Term.Extreme) {
        Boolean largest = ((Term.Extreme) term).largest();
        Boolean other = extremes.put(term.key(), largest);
        if (other != null && !other.equals(largest)) {
          throw invalid(term.key(), "max and min cannot be combined on one key");
        }
      }
      terms.add(term);
    }
    long extremeCount = terms.stream().filter(Term.Extreme.class::isInstance).count();
    if (extremeCount > MetaLimits.MAX_EXTREMES) {
      throw new InvalidRequestException(
          "Invalid query: %d max/min conditions (at most %d)",
          extremeCount, MetaLimits.MAX_EXTREMES);
    }
    return terms;
  }

  private static Term parse(Condition condition) {
    String key = condition.key();
    if (key == null || key.isEmpty()) {
      throw new InvalidRequestException("Invalid condition: key is required");
    }
    MetaValues.checkKey(key);
    String type = condition.type() == null ? "" : condition.type();
    if (condition.isRegex() && !Condition.VALUE.equals(type)) {
      throw invalid(key, "re applies to value conditions only");
    }
    switch (type) {
      case Condition.VALUE:
        return condition.isRegex() ? regex(key, condition.value()) : equality(key, condition);
      case Condition.RANGE:
        return range(key, condition.value());
      case Condition.MAX:
      case Condition.MIN:
      case Condition.EXISTS:
        if (condition.value() != null) {
          throw invalid(key, type + " takes no value");
        }
        return Condition.EXISTS.equals(type)
            ? new Term.Present(key)
            : new Term.Extreme(key, Condition.MAX.equals(type));
      default:
        throw invalid(key, "unknown type " + type + " (expected value, range, max, min or exists)");
    }
  }

  private static Term equality(String key, Condition condition) {
    Object value = condition.value();
    if (value == null) {
      throw invalid(key, "value is required");
    }
    if (!MetaValues.isScalar(value)) {
      throw invalid(
          key, "value must be a string, number or boolean, got " + MetaValues.describe(value));
    }
    // Only tags may hold a list; a value matches a list when any element equals it.
    Object operand = MetaValues.TAGS.equals(key) ? List.of(value) : value;
    return new Term.Equals(key, MetaJson.write(Map.of(key, operand)), value);
  }

  private static Term regex(String key, Object pattern) {
    if (!(pattern instanceof String)) {
      throw invalid(key, "a regular expression must be a string");
    }
    if (((String) pattern).length() > MetaLimits.MAX_PATTERN_LENGTH) {
      throw invalid(
          key, "regular expression longer than " + MetaLimits.MAX_PATTERN_LENGTH + " characters");
    }
    return new Term.Matches(key, (String) pattern);
  }

  private static Term range(String key, Object value) {
    if (!(value instanceof List) || ((List<?>) value).size() != 2) {
      throw invalid(key, "range takes [start, end]");
    }
    BigDecimal low = bound(key, ((List<?>) value).get(0));
    BigDecimal high = bound(key, ((List<?>) value).get(1));
    if (low.compareTo(high) > 0) {
      throw invalid(key, "range start " + low + " is greater than end " + high);
    }
    return new Term.Between(key, low, high);
  }

  private static BigDecimal bound(String key, Object bound) {
    BigDecimal decimal = bound instanceof Number ? MetaValues.toDecimal((Number) bound) : null;
    if (decimal == null) {
      throw invalid(key, "range bounds must be numbers, got " + MetaValues.describe(bound));
    }
    return decimal;
  }

  private static InvalidRequestException invalid(String key, String reason) {
    return new InvalidRequestException("Invalid condition on key %s: %s", key, reason);
  }
}
