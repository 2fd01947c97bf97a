package org.acai.cli;

import java.io.Console;
import java.util.Locale;

/** Asks the user a yes/no question on the terminal; without a terminal the answer is no. */
public final class Confirmation {
  private Confirmation() {}

  /** Whether the user answered yes. */
  // On JDK 17 (our target) System.console() is null exactly when there is no terminal.
  @SuppressWarnings("SystemConsoleNull")
  public static boolean ask(String question) {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    String answer = console.readLine("%s [y/N] ", question);
    return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
  }
}
