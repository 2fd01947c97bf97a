package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** A dependency of the server is not reachable (HTTP 503). */
public class ServiceUnavailableException extends AcaiException {
  /** Creates the exception with a formatted message. */
  @FormatMethod
  public ServiceUnavailableException(@FormatString String message, Object... args) {
    super(ErrorCode.SERVICE_UNAVAILABLE, message, args);
  }

  /** Creates the exception with a formatted message and a cause. */
  @FormatMethod
  public ServiceUnavailableException(
      Throwable cause, @FormatString String message, Object... args) {
    super(ErrorCode.SERVICE_UNAVAILABLE, cause, message, args);
  }
}
