package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** A signed data-plane URL whose signature is wrong or expired (HTTP 403). */
public class BadSignatureException extends AcaiException {
  /** Creates the exception with a formatted message. */
  @FormatMethod
  public BadSignatureException(@FormatString String message, Object... args) {
    super(ErrorCode.BAD_SIGNATURE, message, args);
  }

  /** Creates the exception with a formatted message and a cause. */
  @FormatMethod
  public BadSignatureException(Throwable cause, @FormatString String message, Object... args) {
    super(ErrorCode.BAD_SIGNATURE, cause, message, args);
  }
}
