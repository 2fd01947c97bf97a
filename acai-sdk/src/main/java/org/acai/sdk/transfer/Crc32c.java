package org.acai.sdk.transfer;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * CRC32C values as the server's data route names them: 8 lower-case hex digits (an upload's
 * receipt, a download's {@code X-Acai-Crc32c}).
 */
final class Crc32c {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{8}");

  private Crc32c() {}

  /** {@code value} (a {@link java.util.zip.CRC32C}'s) as 8 lower-case hex digits. */
  static String hex(long value) {
    return String.format(Locale.ROOT, "%08x", value);
  }

  /** Whether {@code text} is a CRC32C as the server names one. */
  static boolean isHex(String text) {
    return HEX.matcher(text).matches();
  }
}
