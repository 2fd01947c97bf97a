package org.acai.cli.file;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Column formats shared by the listing commands. */
public final class Listing {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Listing() {}

  /** A Unix-millisecond time in UTC, or {@code -}. */
  public static String time(Long millis) {
    return millis == null ? "-" : TIME.format(Instant.ofEpochMilli(millis));
  }

  /** A value or {@code -} for none. */
  public static String orDash(Object value) {
    return value == null ? "-" : value.toString();
  }
}
