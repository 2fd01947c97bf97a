package org.acai.server.http;

/** A service's HTTP routes; each service contributes one implementation to the server. */
@FunctionalInterface
public interface ApiRoutes {
  /** Adds this service's routes. */
  void register(Router router);
}
