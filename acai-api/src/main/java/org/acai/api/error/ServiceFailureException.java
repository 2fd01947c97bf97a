package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** An unexpected failure on the server (HTTP 500). */
public class ServiceFailureException extends AcaiException {
  /** Creates the exception with a formatted message. */
  @FormatMethod
  public ServiceFailureException(@FormatString String message, Object... args) {
    super(ErrorCode.SERVICE_FAILURE, message, args);
  }

  /** Creates the exception with a formatted message and a cause. */
  @FormatMethod
  public ServiceFailureException(Throwable cause, @FormatString String message, Object... args) {
    super(ErrorCode.SERVICE_FAILURE, cause, message, args);
  }
}
