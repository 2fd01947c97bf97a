package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.acai.server.http.Route;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenApiTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @Test
  void servedDocumentDescribesExactlyTheRouteTable() {
    Http.Answer served = Http.get(SERVER.endpoint(), "/openapi.yaml");
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.text());

    assertThat(served.status()).isEqualTo(200);
    assertThat(parsed.getMessages()).isEmpty();
    assertThat(documented(parsed.getOpenAPI())).isEqualTo(registered());
  }

  private static Set<String> documented(OpenAPI api) {
    Set<String> routes = new TreeSet<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .keySet()
                    .forEach(method -> routes.add(method.name() + " " + path)));
    return routes;
  }

  /**
   * The web dashboard's pages ({@code /} and {@code /ui/...}) are HTML for browsers, not API: the
   * document describes the API only. Its one API call, {@code /credential/ui_login_link}, is
   * documented.
   */
  private static boolean isDashboardPage(String path) {
    return "/".equals(path) || "/ui".equals(path) || path.startsWith("/ui/");
  }

  private static Set<String> registered() {
    Set<String> routes = new TreeSet<>();
    for (Route route : SERVER.server().routes()) {
      if (isDashboardPage(route.path())) {
        continue;
      }
      routes.add(
          route.method().toUpperCase(Locale.ROOT)
              + " "
              + route.path().replaceAll("\\{(\\w+)}", "{$1}"));
    }
    return routes;
  }
}
