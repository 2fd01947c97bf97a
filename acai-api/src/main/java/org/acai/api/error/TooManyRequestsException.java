package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** The caller has too many expensive requests running at once (HTTP 429, with Retry-After). */
public class TooManyRequestsException extends AcaiException {
  /** Creates the exception with a formatted message. */
  @FormatMethod
  public TooManyRequestsException(@FormatString String message, Object... args) {
    super(ErrorCode.TOO_MANY_REQUESTS, message, args);
  }
}
