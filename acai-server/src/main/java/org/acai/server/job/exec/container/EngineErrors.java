package org.acai.server.job.exec.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Turns what docker-java throws into the engine's own words. */
final class EngineErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineErrors() {}

  /**
   * The engine's message: docker-java says {@code Status 404: {"message":"..."}}, from which the
   * message alone is kept.
   */
  static String message(Throwable error) {
    String text = error.getMessage() == null ? error.toString() : error.getMessage().strip();
    int brace = text.indexOf('{');
    if (text.startsWith("Status ") && brace > 0) {
      try {
        JsonNode body = JSON.readTree(text.substring(brace));
        if (body.hasNonNull("message")) {
          return body.get("message").asText().strip();
        }
      } catch (IOException e) {
        // Not JSON after all: keep the text as it is.
      }
    }
    return text;
  }
}
