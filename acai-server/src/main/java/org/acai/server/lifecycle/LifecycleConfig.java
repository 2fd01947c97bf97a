package org.acai.server.lifecycle;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.blob.SupportsDeletion;

/**
 * Settings of the data lifecycle.
 *
 * @param retention how long deleted entities stay restorable ({@code ACAI_RETENTION}, default 7d)
 * @param gcGrace how long a blob must have been unreferenced before GC deletes it ({@code
 *     ACAI_GC_GRACE}, default 15m)
 * @param gcInterval how often the server purges and collects on its own ({@code ACAI_GC_INTERVAL},
 *     default 1h; 0 turns the schedule off)
 * @param gcBatch how many candidate blobs one sweep transaction decides and deletes ({@code
 *     ACAI_GC_BATCH}, 1 to {@value SupportsDeletion#MAX_BATCH}, the default): the sweep holds the
 *     lock that makes a commit of identical content wait for the length of one batch, so smaller
 *     batches trade sweep speed for shorter waits
 */
public record LifecycleConfig(
    Duration retention, Duration gcGrace, Duration gcInterval, int gcBatch) {
  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

  public LifecycleConfig {
    for (Duration duration : new Duration[] {retention, gcGrace, gcInterval}) {
      if (duration.isNegative()) {
        throw new InvalidRequestException("Invalid duration: %s", duration);
      }
    }
    if (gcBatch < 1 || gcBatch > SupportsDeletion.MAX_BATCH) {
      throw new InvalidRequestException(
          "Invalid ACAI_GC_BATCH: %d (1 to %d)", gcBatch, SupportsDeletion.MAX_BATCH);
    }
  }

  /** The defaults but for the three durations. */
  public LifecycleConfig(Duration retention, Duration gcGrace, Duration gcInterval) {
    this(retention, gcGrace, gcInterval, SupportsDeletion.MAX_BATCH);
  }

  /**
   * Reads the settings from environment variables.
   *
   * @throws InvalidRequestException if a duration is malformed
   */
  public static LifecycleConfig fromEnv(Map<String, String> env) {
    return new LifecycleConfig(
        duration(env, "ACAI_RETENTION", Duration.ofDays(7)),
        duration(env, "ACAI_GC_GRACE", Duration.ofMinutes(15)),
        duration(env, "ACAI_GC_INTERVAL", Duration.ofHours(1)),
        batch(env.get("ACAI_GC_BATCH")));
  }

  private static int batch(String value) {
    if (value == null || value.isBlank()) {
      return SupportsDeletion.MAX_BATCH;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(
          "Invalid ACAI_GC_BATCH: %s (1 to %d)", value.trim(), SupportsDeletion.MAX_BATCH);
    }
  }

  private static Duration duration(Map<String, String> env, String name, Duration fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : parse(name, value.trim());
  }

  /**
   * Parses {@code 0}, {@code 90s}, {@code 15m}, {@code 12h}, {@code 7d}, {@code 250ms} or ISO-8601
   * ({@code PT1H}).
   */
  public static Duration parse(String name, String value) {
    Matcher matcher = SHORT.matcher(value.toLowerCase(Locale.ROOT));
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      String unit = matcher.group(2) == null ? "s" : matcher.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        case "d" -> Duration.ofDays(amount);
        default -> Duration.ofSeconds(amount);
      };
    }
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException("Invalid %s: %s (e.g. 7d, 12h, 30m, 0)", name, value);
    }
  }
}
