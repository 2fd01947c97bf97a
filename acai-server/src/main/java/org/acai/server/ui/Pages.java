package org.acai.server.ui;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the precompiled jte templates (HTML-escaped by default). Thread-safe.
 *
 * <p>The templates are compiled by jte-maven-plugin at build time, so the server needs no Java
 * compiler at run time.
 */
final class Pages {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Renders {@code template} with its parameters as the response, status 200. */
  void render(Context ctx, String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    engine.render(template, params, out);
    ctx.contentType("text/html; charset=utf-8").result(out.toString());
  }

  /** An error page with {@code status} and a one-line message. */
  void error(Context ctx, int status, Shell shell, String message) {
    ctx.status(status);
    render(ctx, "error.jte", Map.of("shell", shell, "status", status, "message", message));
  }
}
