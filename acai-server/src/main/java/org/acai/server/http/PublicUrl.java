package org.acai.server.http;

import io.javalin.http.Context;

/**
 * The base URL clients reach the plain-http side of this server at, for data-plane URLs: the
 * configured {@code ACAI_PUBLIC_URL}, else the host the request was addressed to with the plain
 * http port (even when the request came over https). Thread-safe.
 */
public final class PublicUrl {
  private final String configured;
  private volatile int httpPort;

  /** Creates the resolver; {@code configured} may be null. */
  public PublicUrl(String configured) {
    this.configured =
        configured == null || configured.isBlank() ? null : configured.replaceAll("/+$", "");
  }

  /** Records the plain http port once the server is bound. */
  public void bound(int port) {
    this.httpPort = port;
  }

  /** The base URL for a request. */
  public String of(Context ctx) {
    if (configured != null) {
      return configured;
    }
    String host = ctx.header("Host");
    if (host == null || host.isBlank()) {
      host = "127.0.0.1";
    } else if (host.startsWith("[")) {
      host = host.substring(0, host.indexOf(']') + 1);
    } else if (host.indexOf(':') >= 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    return "http://" + host + ":" + httpPort;
  }
}
