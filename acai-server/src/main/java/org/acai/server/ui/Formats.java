package org.acai.server.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the file pages show sizes and times. */
public final class Formats {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private Formats() {}

  /** A size in bytes, e.g. {@code 1.5 MiB}; "" for none. */
  public static String size(Long bytes) {
    if (bytes == null) {
      return "";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  /** A copy of {@code oldestFirst} in reverse order. */
  static <T> java.util.List<T> newestFirst(java.util.List<T> oldestFirst) {
    java.util.List<T> copy = new java.util.ArrayList<>(oldestFirst);
    java.util.Collections.reverse(copy);
    return copy;
  }

  /** A time in Unix milliseconds, UTC; "" for none. */
  public static String time(Long millis) {
    return millis == null ? "" : TIME.format(Instant.ofEpochMilli(millis));
  }
}
