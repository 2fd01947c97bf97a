package org.acai.api.job;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acai.api.error.InvalidRequestException;

/**
 * Parses the resource fields of a job ({@code v_cpu}, {@code memory}, {@code gpu}) written as
 * Kubernetes resource quantities, e.g. {@code "500m"}, {@code "0.5"}, {@code "64Mi"}, {@code
 * "1e9"}.
 *
 * <p>The grammar is Kubernetes': a non-negative decimal number followed by an optional binary
 * suffix ({@code Ki Mi Gi Ti Pi Ei}), decimal suffix ({@code n u m k M G T P E}) or exponent
 * ({@code e9}, {@code E-3}). As in Kubernetes, fractions of the smallest unit (a millicore, a byte)
 * are rounded up. Numbers from JSON are accepted too, so {@code 1e9} and {@code 2} work unquoted.
 * Error messages name the wire field: {@code Invalid memory: 12XB}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Quantities {
  private static final Pattern QUANTITY =
      Pattern.compile(
          "(\\d+(?:\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d{1,3})?");
  private static final int MAX_LENGTH = 64;
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
          Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)),
          Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
          Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
          Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
          Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
          Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
          Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
          Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
          Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)));

  private Quantities() {}

  /**
   * CPU in millicores: {@code "0.5"} and {@code "500m"} are 500, {@code "2"} is 2000.
   *
   * @throws InvalidRequestException if the text is not a non-negative quantity or overflows
   */
  public static long cpuMillis(String quantity) {
    return wholeUnits("v_cpu", quantity, parse("v_cpu", quantity).scaleByPowerOfTen(3));
  }

  /**
   * CPU in millicores from a JSON number, e.g. {@code 0.5} or {@code 2}.
   *
   * @throws InvalidRequestException if the number is negative, not finite or overflows
   */
  public static long cpuMillis(Number quantity) {
    return wholeUnits("v_cpu", quantity, decimal("v_cpu", quantity).scaleByPowerOfTen(3));
  }

  /**
   * Memory in bytes: {@code "512Mi"}, {@code "1G"}, {@code "1e9"} or plain {@code "134217728"}.
   *
   * @throws InvalidRequestException if the text is not a non-negative quantity or overflows
   */
  public static long memoryBytes(String quantity) {
    return wholeUnits("memory", quantity, parse("memory", quantity));
  }

  /**
   * Memory in bytes from a JSON number, e.g. {@code 1e9} or {@code 134217728}.
   *
   * @throws InvalidRequestException if the number is negative, not finite or overflows
   */
  public static long memoryBytes(Number quantity) {
    return wholeUnits("memory", quantity, decimal("memory", quantity));
  }

  /**
   * Number of GPUs; only whole numbers are allowed ({@code "1.5"} is refused).
   *
   * @throws InvalidRequestException if the text is not a whole, non-negative quantity
   */
  public static long gpus(String quantity) {
    return wholeGpus(quantity, parse("gpu", quantity));
  }

  /**
   * Number of GPUs from a JSON number; only whole numbers are allowed.
   *
   * @throws InvalidRequestException if the number is not whole, negative or not finite
   */
  public static long gpus(Number quantity) {
    return wholeGpus(quantity, decimal("gpu", quantity));
  }

  private static long wholeGpus(Object original, BigDecimal value) {
    if (value.stripTrailingZeros().scale() > 0) {
      throw new InvalidRequestException("Invalid gpu: %s (must be a whole number)", original);
    }
    return wholeUnits("gpu", original, value);
  }

  private static BigDecimal parse(String field, String quantity) {
    if (quantity == null || quantity.length() > MAX_LENGTH) {
      throw new InvalidRequestException("Invalid %s: %s", field, quantity);
    }
    Matcher matcher = QUANTITY.matcher(quantity);
    if (!matcher.matches()) {
      throw new InvalidRequestException("Invalid %s: %s", field, quantity);
    }
    BigDecimal number = new BigDecimal(matcher.group(1));
    String suffix = matcher.group(2);
    if (suffix == null) {
      return number;
    }
    BigDecimal multiplier = SUFFIXES.get(suffix);
    if (multiplier != null) {
      return number.multiply(multiplier);
    }
    return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
  }

  private static BigDecimal decimal(String field, Number quantity) {
    if (quantity instanceof BigDecimal) {
      return nonNegative(field, quantity, (BigDecimal) quantity);
    }
    if (quantity instanceof BigInteger) {
      return nonNegative(field, quantity, new BigDecimal((BigInteger) quantity));
    }
    if (quantity instanceof Double || quantity instanceof Float) {
      double value = quantity.doubleValue();
      if (!Double.isFinite(value)) {
        throw new InvalidRequestException("Invalid %s: %s", field, quantity);
      }
      // The shortest decimal form, so 0.1 stays 0.1 rather than 0.1000000000000000055…
      return nonNegative(field, quantity, new BigDecimal(quantity.toString()));
    }
    if (quantity == null) {
      throw new InvalidRequestException("Invalid %s: null", field);
    }
    return nonNegative(field, quantity, BigDecimal.valueOf(quantity.longValue()));
  }

  private static BigDecimal nonNegative(String field, Number original, BigDecimal value) {
    if (value.signum() < 0) {
      throw new InvalidRequestException("Invalid %s: %s (must not be negative)", field, original);
    }
    return value;
  }

  private static long wholeUnits(String field, Object original, BigDecimal value) {
    if (value.compareTo(LONG_MAX) > 0) {
      throw new InvalidRequestException("Invalid %s: %s (too large)", field, original);
    }
    return value.setScale(0, RoundingMode.CEILING).longValueExact();
  }
}
