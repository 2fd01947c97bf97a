package org.acai.server.job.agent;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects {@code [ACAI_TAG] key=value} and {@code [ACAI_TAG_NUM] key=number} lines from a job's
 * output; later lines win. Thread-safe.
 */
public final class TagLines {
  private static final Pattern TAG =
      Pattern.compile("^\\s*\\[ACAI_TAG(_NUM)?]\\s*([A-Za-z0-9_.-]{1,128})\\s*=\\s*(.*?)\\s*$");

  private final Map<String, Object> tags = new LinkedHashMap<>();

  /** Takes one line of output. */
  public synchronized void offer(String line) {
    Matcher matcher = TAG.matcher(line);
    if (!matcher.matches() || matcher.group(2).startsWith("__")) {
      return;
    }
    String value = matcher.group(3);
    if (matcher.group(1) == null) {
      tags.put(matcher.group(2), value);
      return;
    }
    try {
      BigDecimal number = new BigDecimal(value);
      tags.put(
          matcher.group(2),
          number.stripTrailingZeros().scale() <= 0
              ? (Object) number.longValueExact()
              : number.doubleValue());
    } catch (NumberFormatException | ArithmeticException e) {
      tags.put(matcher.group(2), value);
    }
  }

  /** The tags so far. */
  public synchronized Map<String, Object> collected() {
    return Map.copyOf(tags);
  }
}
