package org.acai.cli;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** A mistake the user can fix, reported as one line with exit code 1. */
public final class UserError extends RuntimeException {
  /** Creates the error with a formatted message. */
  @FormatMethod
  public UserError(@FormatString String message, Object... args) {
    super(String.format(message, args));
  }
}
