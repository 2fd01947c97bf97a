package org.acai.server.ui;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.acai.api.error.NotFoundException;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Router;

/**
 * {@code /ui/static/{name}}: the dashboard's stylesheet and ES modules, from the jar. Only the
 * listed files are served (no path from the request reaches the class loader).
 */
final class StaticAssets implements ApiRoutes {
  private static final Map<String, String> FILES =
      Map.of(
          "app.css", "text/css; charset=utf-8",
          "jobs.js", "text/javascript; charset=utf-8",
          "job.js", "text/javascript; charset=utf-8",
          "files.js", "text/javascript; charset=utf-8");

  private final Map<String, byte[]> contents;
  private final UiGuard guard;

  StaticAssets(UiGuard guard) {
    this.guard = guard;
    this.contents = Map.copyOf(load());
  }

  private static Map<String, byte[]> load() {
    Map<String, byte[]> loaded = new java.util.HashMap<>();
    for (String name : FILES.keySet()) {
      try (InputStream in = StaticAssets.class.getResourceAsStream("/ui/" + name)) {
        if (in == null) {
          throw new IllegalStateException("Missing dashboard asset in the jar: " + name);
        }
        loaded.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read dashboard asset " + name, e);
      }
    }
    return loaded;
  }

  @Override
  public void register(Router router) {
    router.get("/ui/static/{name}", guard.open(this::serve));
  }

  private void serve(Context ctx) {
    String name = ctx.pathParam("name");
    byte[] body = contents.get(name);
    if (body == null) {
      throw new NotFoundException("No such file: %s", name);
    }
    ctx.contentType(FILES.get(name)).result(body);
  }
}
