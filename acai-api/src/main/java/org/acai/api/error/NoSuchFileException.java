package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** An unknown file path or file version (HTTP 404). */
public class NoSuchFileException extends NotFoundException {
  /** Creates the exception with a formatted message. */
  @FormatMethod
  public NoSuchFileException(@FormatString String message, Object... args) {
    super(ErrorCode.NO_SUCH_FILE, message, args);
  }
}
