package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** An unknown project (HTTP 404). */
public class NoSuchProjectException extends NotFoundException {
  /** Creates the exception with a formatted message. */
  @FormatMethod
  public NoSuchProjectException(@FormatString String message, Object... args) {
    super(ErrorCode.NO_SUCH_PROJECT, message, args);
  }
}
