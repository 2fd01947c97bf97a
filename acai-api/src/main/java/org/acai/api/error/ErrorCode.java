package org.acai.api.error;

import com.google.errorprone.annotations.Immutable;
import java.util.Locale;

/**
 * The one table that maps every {@link AcaiException} to an HTTP status and a wire code.
 *
 * <p>The server renders an exception as {@code {"error":{"code":..., "message":...}}} with {@link
 * #httpStatus()}; the SDK reads the code back with {@link #fromWire(String, int)} and rebuilds the
 * same exception type with {@link #toException(String)}.
 */
public enum ErrorCode {
  /** Malformed or invalid input. */
  INVALID_REQUEST(400, InvalidRequestException::new),
  /** Missing, unknown, expired or revoked token. */
  NOT_AUTHENTICATED(401, NotAuthenticatedException::new),
  /** Authenticated, but the role may not perform the operation. */
  FORBIDDEN(403, ForbiddenException::new),
  /** An upload or a job beyond one of the project's quotas; the message names the quota. */
  QUOTA_EXCEEDED(403, QuotaExceededException::new),
  /** A signed data-plane URL whose signature is wrong or expired. */
  BAD_SIGNATURE(403, BadSignatureException::new),
  /** Generic unknown entity. */
  NOT_FOUND(404, NotFoundException::new),
  /** Unknown project. */
  NO_SUCH_PROJECT(404, NoSuchProjectException::new),
  /** Unknown user. */
  NO_SUCH_USER(404, NoSuchUserException::new),
  /** Unknown file path or file version. */
  NO_SUCH_FILE(404, NoSuchFileException::new),
  /** Unknown file set or file-set version. */
  NO_SUCH_FILE_SET(404, NoSuchFileSetException::new),
  /** Unknown job. */
  NO_SUCH_JOB(404, NoSuchJobException::new),
  /** Unknown, expired or aborted upload session. */
  NO_SUCH_UPLOAD_SESSION(404, NoSuchUploadSessionException::new),
  /** The entity to create exists already. */
  ALREADY_EXISTS(409, AlreadyExistsException::new),
  /** The entity is in a state that does not allow the operation. */
  CONFLICT(409, ConflictException::new),
  /** A request or document over a documented size limit. */
  PAYLOAD_TOO_LARGE(413, PayloadTooLargeException::new),
  /** Too many expensive requests of one user at once; retry after the Retry-After delay. */
  TOO_MANY_REQUESTS(429, TooManyRequestsException::new),
  /** A bug or an unexpected failure on the server. */
  SERVICE_FAILURE(500, ServiceFailureException::new),
  /** A dependency of the server (database, blob store) is not reachable. */
  SERVICE_UNAVAILABLE(503, ServiceUnavailableException::new);

  private final int httpStatus;
  private final Factory factory;

  ErrorCode(int httpStatus, Factory factory) {
    this.httpStatus = httpStatus;
    this.factory = factory;
  }

  /** HTTP status the server answers with for this code. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The code as it appears on the wire, e.g. {@code no_such_file}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Rebuilds the exception this code stands for, carrying the server's message. */
  public AcaiException toException(String message) {
    return factory.create(message);
  }

  /**
   * Reads a wire code back; unknown codes map to the generic code of their HTTP status family.
   *
   * @param wireName the code as sent by the server
   * @param httpStatus the status it came with, used when the code is unknown
   * @return the matching code, never null
   */
  public static ErrorCode fromWire(String wireName, int httpStatus) {
    if (wireName != null) {
      for (ErrorCode code : values()) {
        if (code.wireName().equals(wireName)) {
          return code;
        }
      }
    }
    return forStatus(httpStatus);
  }

  /** The generic code for an HTTP status, for answers that carry no known code. */
  public static ErrorCode forStatus(int httpStatus) {
    switch (httpStatus) {
      case 400:
        return INVALID_REQUEST;
      case 401:
        return NOT_AUTHENTICATED;
      case 403:
        return FORBIDDEN;
      case 404:
        return NOT_FOUND;
      case 409:
        return CONFLICT;
      case 413:
        return PAYLOAD_TOO_LARGE;
      case 503:
        return SERVICE_UNAVAILABLE;
      default:
        return httpStatus >= 400 && httpStatus < 500 ? INVALID_REQUEST : SERVICE_FAILURE;
    }
  }

  /** Builds the exception of one code from a message. */
  @Immutable
  @FunctionalInterface
  private interface Factory {
    AcaiException create(String message);
  }
}
