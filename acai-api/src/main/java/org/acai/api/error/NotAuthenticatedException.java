package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** Missing, unknown, expired or revoked token (HTTP 401). */
public class NotAuthenticatedException extends AcaiException {
  /** Creates the exception with a formatted message. */
  @FormatMethod
  public NotAuthenticatedException(@FormatString String message, Object... args) {
    super(ErrorCode.NOT_AUTHENTICATED, message, args);
  }

  /** Creates the exception with a formatted message and a cause. */
  @FormatMethod
  public NotAuthenticatedException(Throwable cause, @FormatString String message, Object... args) {
    super(ErrorCode.NOT_AUTHENTICATED, cause, message, args);
  }
}
