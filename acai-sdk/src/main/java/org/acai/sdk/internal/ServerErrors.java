package org.acai.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.acai.api.error.AcaiException;
import org.acai.api.error.ErrorCode;
import org.acai.api.json.WireJson;

/** Rebuilds the exception the server reported, from its status and {@code error} body. */
public final class ServerErrors {
  private static final int MAX_RAW_MESSAGE = 300;

  private ServerErrors() {}

  /** The exception for an error answer. */
  public static AcaiException toException(int status, byte[] body) {
    String code = null;
    String message = null;
    try {
      JsonNode error = WireJson.mapper().readTree(body).path("error");
      code = error.path("code").asText(null);
      message = error.path("message").asText(null);
    } catch (IOException | RuntimeException e) {
      // Not our JSON error shape (a proxy page, say): fall back to the raw text below.
    }
    if (message == null) {
      String raw = new String(body, StandardCharsets.UTF_8).strip();
      message =
          "HTTP "
              + status
              + (raw.isEmpty()
                  ? ""
                  : ": " + raw.substring(0, Math.min(raw.length(), MAX_RAW_MESSAGE)));
    }
    return ErrorCode.fromWire(code, status).toException(message);
  }
}
