package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** An unknown entity (HTTP 404); subclasses name the kind of entity. */
public class NotFoundException extends AcaiException {
  /** Creates the exception with a formatted message. */
  @FormatMethod
  public NotFoundException(@FormatString String message, Object... args) {
    super(ErrorCode.NOT_FOUND, message, args);
  }

  /** Creates the exception for a specific not-found code. */
  @FormatMethod
  protected NotFoundException(ErrorCode code, @FormatString String message, Object... args) {
    super(code, message, args);
  }
}
