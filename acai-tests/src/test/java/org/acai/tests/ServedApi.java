package org.acai.tests;

import java.util.List;
import org.acai.server.AcaiServer;
import org.acai.server.http.Route;

/**
 * The API routes a server serves: its route table without the web dashboard's pages ({@code /} and
 * {@code /ui/...}), which are HTML for browsers and have suites of their own (UiSecurityTest,
 * UiBrowserIT). The dashboard's one API call, {@code /credential/ui_login_link}, is API.
 */
final class ServedApi {
  private ServedApi() {}

  static boolean isDashboardPage(String path) {
    return "/".equals(path) || "/ui".equals(path) || path.startsWith("/ui/");
  }

  static List<Route> routes(AcaiServer server) {
    return server.routes().stream().filter(route -> !isDashboardPage(route.path())).toList();
  }
}
