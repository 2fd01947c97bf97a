package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** Malformed or invalid input (HTTP 400). */
public class InvalidRequestException extends AcaiException {
  /** Creates the exception with a formatted message. */
  @FormatMethod
  public InvalidRequestException(@FormatString String message, Object... args) {
    super(ErrorCode.INVALID_REQUEST, message, args);
  }

  /** Creates the exception with a formatted message and a cause. */
  @FormatMethod
  public InvalidRequestException(Throwable cause, @FormatString String message, Object... args) {
    super(ErrorCode.INVALID_REQUEST, cause, message, args);
  }
}
