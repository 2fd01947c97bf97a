package org.acai.server.meta;

import java.math.BigDecimal;

/** A checked query condition, ready to become SQL. */
sealed interface Term {
  /** The metadata key the condition is about. */
  String key();

  /**
   * JSON equality; {@code containment} is the document fragment {@code {"key": value}}, {@code
   * value} the scalar the caller gave.
   */
  record Equals(String key, String containment, Object value) implements Term {}

  /** A PostgreSQL regular expression matched against the key's string values. */
  record Matches(String key, String pattern) implements Term {}

  /** A number greater than {@code low} and at most {@code high}. */
  record Between(String key, BigDecimal low, BigDecimal high) implements Term {}

  /** The key is present. */
  record Present(String key) implements Term {}

  /** The entities tied at the largest (or smallest) number of the key. */
  record Extreme(String key, boolean largest) implements Term {}
}
