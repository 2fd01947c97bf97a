package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** The entity's state does not allow the operation (HTTP 409). */
public class ConflictException extends AcaiException {
  /** Creates the exception with a formatted message. */
  @FormatMethod
  public ConflictException(@FormatString String message, Object... args) {
    super(ErrorCode.CONFLICT, message, args);
  }

  /** Creates the exception with a formatted message and a cause. */
  @FormatMethod
  public ConflictException(Throwable cause, @FormatString String message, Object... args) {
    super(ErrorCode.CONFLICT, cause, message, args);
  }
}
