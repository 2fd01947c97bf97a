package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** An unknown file set or file-set version (HTTP 404). */
public class NoSuchFileSetException extends NotFoundException {
  /** Creates the exception with a formatted message. */
  @FormatMethod
  public NoSuchFileSetException(@FormatString String message, Object... args) {
    super(ErrorCode.NO_SUCH_FILE_SET, message, args);
  }
}
