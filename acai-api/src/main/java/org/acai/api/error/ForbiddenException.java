package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** The caller's role may not perform the operation (HTTP 403). */
public class ForbiddenException extends AcaiException {
  /** Creates the exception with a formatted message. */
  @FormatMethod
  public ForbiddenException(@FormatString String message, Object... args) {
    super(ErrorCode.FORBIDDEN, message, args);
  }

  /** Creates the exception with a formatted message and a cause. */
  @FormatMethod
  public ForbiddenException(Throwable cause, @FormatString String message, Object... args) {
    super(ErrorCode.FORBIDDEN, cause, message, args);
  }
}
