package org.acai.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the checked-in OpenAPI description that ships in acai-api. */
final class OpenApiDocument {
  static final String RESOURCE = "/org/acai/api/openapi.yaml";
  private static final byte[] DOCUMENT = load();

  private OpenApiDocument() {}

  static void serve(Context ctx) {
    ctx.contentType("application/yaml").result(DOCUMENT);
  }

  private static byte[] load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
