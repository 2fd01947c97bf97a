package org.acai.server.blob.s3;

import org.acai.api.error.AcaiException;
import org.acai.api.error.ServiceFailureException;
import org.acai.api.error.ServiceUnavailableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns AWS SDK failures into ACAI's exceptions. */
final class S3Errors {
  private S3Errors() {}

  /** Whether S3 answered "no such key" (or bucket). */
  static boolean isNotFound(SdkException e) {
    return e instanceof S3Exception s3 && s3.statusCode() == 404;
  }

  /** Whether a conditional request failed because the object changed. */
  static boolean isPreconditionFailed(SdkException e) {
    return e instanceof S3Exception s3 && s3.statusCode() == 412;
  }

  /**
   * The ACAI exception for a failed S3 call: unreachable S3 is "unavailable", anything else a
   * service failure.
   */
  static AcaiException translate(SdkException e, String action, String what) {
    if (e instanceof SdkClientException) {
      return new ServiceUnavailableException(
          e, "Cannot %s %s: S3 is unreachable: %s", action, what, e.getMessage());
    }
    return new ServiceFailureException(e, "Cannot %s %s: %s", action, what, e.getMessage());
  }
}
