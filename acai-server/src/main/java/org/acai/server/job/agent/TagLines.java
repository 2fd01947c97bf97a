package org.acai.server.job.agent;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects {@code [ACAI_TAG] key=value} and {@code [ACAI_TAG_NUM] key=number} lines from a job's
 * output, each with an optional entity word as the original agent wrote them: {@code [ACAI_TAG] job
 * key=value} tags the job, {@code [ACAI_TAG] fileset key=value} (or no word) the output file set.
 * Later lines win. Thread-safe.
 */
public final class TagLines {
  /** The entity a tag goes to. */
  public enum Target {
    /** The job's output file set: lines without an entity word, or with {@code fileset}. */
    FILESET,
    /** The job itself: lines with {@code job}. */
    JOB
  }

  private static final Pattern TAG =
      Pattern.compile(
          "^\\s*\\[ACAI_TAG(_NUM)?]\\s*(?:(fileset|job)\\s+)?"
              + "([A-Za-z0-9_.-]{1,128})\\s*=\\s*(.*?)\\s*$");

  private final Map<Target, Map<String, Object>> tags = new EnumMap<>(Target.class);

  public synchronized void offer(String line) {
    Matcher matcher = TAG.matcher(line);
    if (!matcher.matches() || matcher.group(3).startsWith("__")) {
      return;
    }
    Target target = "job".equals(matcher.group(2)) ? Target.JOB : Target.FILESET;
    Object value = matcher.group(1) == null ? matcher.group(4) : number(matcher.group(4));
    tags.computeIfAbsent(target, any -> new LinkedHashMap<>()).put(matcher.group(3), value);
  }

  /** The tags for one entity, in the order first seen. */
  public synchronized Map<String, Object> collected(Target target) {
    return new LinkedHashMap<>(tags.getOrDefault(target, Map.of()));
  }

  /** A whole number as a long, else a double; text that is no number stays text. */
  private static Object number(String value) {
    try {
      BigDecimal number = new BigDecimal(value);
      return number.stripTrailingZeros().scale() <= 0
          ? (Object) number.longValueExact()
          : number.doubleValue();
    } catch (NumberFormatException | ArithmeticException e) {
      return value;
    }
  }
}
