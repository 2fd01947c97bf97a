package org.acai.sdk;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.job.Quantities;

/** The SDK's local checks of job fields, with the server's messages. */
final class JobFields {
  private static final Pattern BAD_SEGMENT =
      Pattern.compile("|\\.|\\.\\.|.*[\\\\:\\p{Cntrl}].*", Pattern.DOTALL);

  private JobFields() {}

  static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException("Missing %s", field);
    }
    return value;
  }

  static String optional(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Keeps the user's spelling ({@code ./out/}) but refuses what the server would. */
  static String outputPath(String raw) {
    String path = required("output_path", raw).strip();
    if (path.startsWith("/")) {
      throw new InvalidRequestException(
          "Invalid output_path: %s (must be relative to the working directory)", raw);
    }
    String trimmed = path;
    while (trimmed.startsWith("./")) {
      trimmed = trimmed.substring(2);
    }
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.isEmpty() || ".".equals(trimmed)) {
      throw new InvalidRequestException(
          "Invalid output_path: %s (name a sub-directory, e.g. ./out/)", raw);
    }
    for (String segment : trimmed.split("/", -1)) {
      if (BAD_SEGMENT.matcher(segment).matches()) {
        throw new InvalidRequestException(
            "Invalid output_path: %s (no '..', '.', '//' or special characters)", raw);
      }
    }
    return path;
  }

  static String cpu(String quantity) {
    if (quantity != null) {
      Quantities.cpuMillis(quantity);
    }
    return quantity;
  }

  static String memory(String quantity) {
    if (quantity != null) {
      Quantities.memoryBytes(quantity);
    }
    return quantity;
  }

  static String gpu(String quantity) {
    if (quantity != null) {
      Quantities.gpus(quantity);
    }
    return quantity;
  }

  /**
   * A quantity as the text the server stores: numbers in plain decimal ({@code 1e9} becomes {@code
   * 1000000000}), strings stripped; null and blank stay null.
   */
  static String quantityText(String field, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      BigDecimal decimal;
      try {
        decimal = new BigDecimal(number.toString());
      } catch (NumberFormatException e) {
        throw new InvalidRequestException("Invalid %s: %s", field, number);
      }
      return decimal.stripTrailingZeros().scale() <= 0
          ? decimal.toBigInteger().toString()
          : decimal.toPlainString();
    }
    if (value instanceof CharSequence text) {
      String stripped = text.toString().strip();
      return stripped.isEmpty() ? null : stripped;
    }
    throw new InvalidRequestException(
        "Invalid %s: %s (expected a number or a quantity string)", field, value);
  }
}
