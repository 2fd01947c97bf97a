package org.acai.server.config;

import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.job.Quantities;

/** Reads numeric server settings from the environment, refusing values out of their range. */
public final class EnvSettings {
  private EnvSettings() {}

  /**
   * A whole number setting, {@code fallback} when unset.
   *
   * @throws InvalidRequestException if it is not a whole number from {@code min} to {@code max}
   */
  public static long count(
      Map<String, String> env, String name, long fallback, long min, long max) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      long number = Long.parseLong(value.trim());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidRequestException(
        "Invalid %s: %s (a whole number from %d to %d)", name, value, min, max);
  }

  /**
   * A size in bytes ({@code 1048576}, {@code 512Mi}, {@code 5Ti}, {@code 10G}), {@code fallback}
   * when unset.
   *
   * @throws InvalidRequestException if it is not a size of at least {@code min} bytes
   */
  public static long bytes(Map<String, String> env, String name, long fallback, long min) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    long bytes;
    try {
      bytes = Quantities.memoryBytes(value.trim());
    } catch (RuntimeException e) {
      bytes = -1;
    }
    if (bytes < min) {
      throw new InvalidRequestException(
          "Invalid %s: %s (a size of at least %d bytes, e.g. 512Mi or 5Ti)", name, value, min);
    }
    return bytes;
  }
}
