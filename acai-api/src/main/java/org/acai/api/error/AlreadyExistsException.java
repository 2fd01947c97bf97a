package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** The entity to create exists already (HTTP 409). */
public class AlreadyExistsException extends AcaiException {
  /** Creates the exception with a formatted message. */
  @FormatMethod
  public AlreadyExistsException(@FormatString String message, Object... args) {
    super(ErrorCode.ALREADY_EXISTS, message, args);
  }

  /** Creates the exception with a formatted message and a cause. */
  @FormatMethod
  public AlreadyExistsException(Throwable cause, @FormatString String message, Object... args) {
    super(ErrorCode.ALREADY_EXISTS, cause, message, args);
  }
}
