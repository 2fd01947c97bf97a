package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** A request or document over a documented size limit (HTTP 413). */
public class PayloadTooLargeException extends AcaiException {
  /** Creates the exception with a formatted message. */
  @FormatMethod
  public PayloadTooLargeException(@FormatString String message, Object... args) {
    super(ErrorCode.PAYLOAD_TOO_LARGE, message, args);
  }

  /** Creates the exception with a formatted message and a cause. */
  @FormatMethod
  public PayloadTooLargeException(Throwable cause, @FormatString String message, Object... args) {
    super(ErrorCode.PAYLOAD_TOO_LARGE, cause, message, args);
  }
}
