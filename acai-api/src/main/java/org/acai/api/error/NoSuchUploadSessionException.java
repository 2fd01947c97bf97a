package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** An unknown, expired or aborted upload session (HTTP 404). */
public class NoSuchUploadSessionException extends NotFoundException {
  /** Creates the exception with a formatted message. */
  @FormatMethod
  public NoSuchUploadSessionException(@FormatString String message, Object... args) {
    super(ErrorCode.NO_SUCH_UPLOAD_SESSION, message, args);
  }
}
