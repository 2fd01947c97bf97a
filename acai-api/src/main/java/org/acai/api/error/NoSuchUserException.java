package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** An unknown user (HTTP 404). */
public class NoSuchUserException extends NotFoundException {
  /** Creates the exception with a formatted message. */
  @FormatMethod
  public NoSuchUserException(@FormatString String message, Object... args) {
    super(ErrorCode.NO_SUCH_USER, message, args);
  }
}
