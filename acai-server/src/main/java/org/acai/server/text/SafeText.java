package org.acai.server.text;

import java.text.Normalizer;
import org.acai.api.error.InvalidRequestException;

/**
 * Names and texts as the server stores them: NFC-normalised (so that {@code é} typed as one code
 * point or as {@code e} plus a combining accent is one name), without control characters and
 * without invisible formatting characters such as bidi overrides, which make a name display as
 * another ({@code invoice\u202Efdp.exe} shows as {@code invoiceexe.pdf}). The zero-width joiner and
 * non-joiner stay allowed: scripts such as Persian and emoji sequences need them. Stateless.
 */
public final class SafeText {
  private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
  private static final int ZERO_WIDTH_JOINER = 0x200D;

  private SafeText() {}

  /**
   * A one-line name in NFC.
   *
   * @param what the field, for the message ("path", "name")
   * @throws InvalidRequestException if it holds a control or formatting character
   */
  public static String name(String what, String value) {
    return check(what, value, false);
  }

  /**
   * A free text in NFC, where line breaks and tabs are allowed.
   *
   * @throws InvalidRequestException if it holds another control or a formatting character
   */
  public static String text(String what, String value) {
    return check(what, value, true);
  }

  /** Why {@code value} is refused as a name, or null; for callers with messages of their own. */
  public static String problem(String value) {
    int bad = firstBad(value, false);
    return bad < 0 ? null : describe(value.codePointAt(bad));
  }

  private static String check(String what, String value, boolean multiline) {
    if (value == null) {
      return null;
    }
    String normal = Normalizer.normalize(value, Normalizer.Form.NFC);
    int bad = firstBad(normal, multiline);
    if (bad >= 0) {
      throw new InvalidRequestException(
          "Invalid %s: %s at position %d", what, describe(normal.codePointAt(bad)), bad);
    }
    return normal;
  }

  private static int firstBad(String value, boolean multiline) {
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      boolean allowed =
          (multiline && (c == '\n' || c == '\r' || c == '\t'))
              || c == ZERO_WIDTH_JOINER
              || c == ZERO_WIDTH_NON_JOINER;
      if (!allowed && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
        return i;
      }
      i += Character.charCount(c);
    }
    return -1;
  }

  private static String describe(int c) {
    String kind =
        Character.isISOControl(c)
            ? "control character"
            : isBidi(c) ? "bidirectional formatting character" : "invisible formatting character";
    return String.format("%s U+%04X is not allowed", kind, c);
  }

  private static boolean isBidi(int c) {
    return c == 0x061C
        || c == 0x200E
        || c == 0x200F
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }
}
