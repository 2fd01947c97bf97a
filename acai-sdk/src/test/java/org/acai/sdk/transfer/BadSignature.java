package org.acai.sdk.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** The answer of a data URL whose signature the server refuses, as the server words it. */
final class BadSignature {
  private static final byte[] BODY =
      "{\"error\":{\"code\":\"bad_signature\",\"message\":\"Bad signature\"}}".getBytes(UTF_8);

  private BadSignature() {}

  /** Answers 403 with the server's error document. */
  static void answer(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.sendResponseHeaders(403, BODY.length);
    exchange.getResponseBody().write(BODY);
    exchange.close();
  }
}
