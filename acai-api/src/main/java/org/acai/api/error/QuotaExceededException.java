package org.acai.api.error;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;

/** An upload or a job that would take a project past one of its quotas (HTTP 403). */
public class QuotaExceededException extends AcaiException {
  /** Creates the exception with a formatted message that names the quota. */
  @FormatMethod
  public QuotaExceededException(@FormatString String message, Object... args) {
    super(ErrorCode.QUOTA_EXCEEDED, message, args);
  }
}
