package org.acai.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Registers routes with Javalin and remembers them, so the route table can be checked. */
public final class Router {
  private final RoutesConfig routes;
  private final List<Route> registered = new ArrayList<>();

  Router(RoutesConfig routes) {
    this.routes = routes;
  }

  /** Adds a GET route. */
  public Router get(String path, Handler handler) {
    routes.get(path, handler);
    return remember("GET", path);
  }

  /** Adds a POST route. */
  public Router post(String path, Handler handler) {
    routes.post(path, handler);
    return remember("POST", path);
  }

  /** Adds a PUT route. */
  public Router put(String path, Handler handler) {
    routes.put(path, handler);
    return remember("PUT", path);
  }

  private Router remember(String method, String path) {
    registered.add(new Route(method.toUpperCase(Locale.ROOT), path));
    return this;
  }

  /** Every route registered so far, in registration order. */
  public List<Route> registered() {
    return Collections.unmodifiableList(registered);
  }
}
