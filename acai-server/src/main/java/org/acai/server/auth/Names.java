package org.acai.server.auth;

import java.util.regex.Pattern;
import org.acai.api.error.InvalidRequestException;

/** Rules for project and user names. */
final class Names {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private Names() {}

  /**
   * Checks a name.
   *
   * @throws InvalidRequestException if it is missing, too long or has characters outside letters,
   *     digits, dot, dash and underscore
   */
  static String check(String what, String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidRequestException("Missing %s", what);
    }
    if (!NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          "Invalid %s: %s (1-64 letters, digits, '.', '_' or '-', starting with a letter or digit)",
          what, abbreviate(name));
    }
    return name;
  }

  private static String abbreviate(String value) {
    String printable = value.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
  }
}
