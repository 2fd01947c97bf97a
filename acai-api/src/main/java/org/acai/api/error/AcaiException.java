package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/**
 * Root of every error ACAI reports: unchecked, immutable, and tied to one {@link ErrorCode}.
 *
 * <p>Messages say what failed and name the offending value after a colon, e.g. {@code Invalid path:
 * a/../b}. They never contain tokens or other secrets.
 */
public class AcaiException extends RuntimeException {
  private final ErrorCode code;

  /**
   * Creates an exception with a formatted message.
   *
   * @param code the condition, which decides the HTTP status
   * @param message a {@link String#format} pattern
   * @param args the pattern's arguments
   */
  @FormatMethod
  public AcaiException(ErrorCode code, @FormatString String message, Object... args) {
    super(args.length == 0 ? message : String.format(message, args));
    this.code = code;
  }

  /** Creates an exception with a formatted message and a cause. */
  @FormatMethod
  public AcaiException(
      ErrorCode code, Throwable cause, @FormatString String message, Object... args) {
    super(args.length == 0 ? message : String.format(message, args), cause);
    this.code = code;
  }

  /** The condition this exception stands for. */
  public ErrorCode code() {
    return code;
  }

  /** HTTP status for this exception. */
  public int httpStatus() {
    return code.httpStatus();
  }
}
