package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** An unknown job, or one of another project (HTTP 404). */
public class NoSuchJobException extends NotFoundException {
  /** Creates the exception with a formatted message. */
  @FormatMethod
  public NoSuchJobException(@FormatString String message, Object... args) {
    super(ErrorCode.NO_SUCH_JOB, message, args);
  }
}
