package org.acai.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.acai.api.error.AcaiException;
import org.acai.api.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception into {@code {"error":{"code","message"}}} with the status of {@link
 * ErrorCode}. Anything not in the table is a bug: a 500 with a generic message, logged with its
 * stack trace, never sent to the client.
 */
final class ErrorRenderer {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorRenderer.class);

  private static final String WRITTEN = "acai.error-written";

  private ErrorRenderer() {}

  static void render(Exception exception, Context ctx) {
    if (exception instanceof AcaiException acai) {
      write(ctx, acai.code(), acai.getMessage());
    } else if (exception instanceof JsonProcessingException json) {
      write(ctx, ErrorCode.INVALID_REQUEST, "Invalid JSON body: " + describe(json));
    } else if (exception instanceof HttpResponseException http) {
      write(ctx, ErrorCode.forStatus(http.getStatus()), http.getMessage());
    } else {
      LOG.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), exception);
      write(ctx, ErrorCode.SERVICE_FAILURE, "Internal error; the server log has the details");
    }
  }

  static boolean written(Context ctx) {
    return ctx.attribute(WRITTEN) != null;
  }

  static void write(Context ctx, ErrorCode code, String message) {
    ctx.attribute(WRITTEN, Boolean.TRUE);
    if (code == ErrorCode.TOO_MANY_REQUESTS) {
      ctx.header("Retry-After", UserConcurrency.RETRY_AFTER_SECONDS);
    }
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code.wireName());
    error.put("message", message);
    ctx.status(code.httpStatus()).json(Map.of("error", error));
  }

  private static String describe(JsonProcessingException json) {
    if (json instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field =
          mismatch.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining("."));
      return "field " + field + " has the wrong type";
    }
    return json.getOriginalMessage();
  }
}
