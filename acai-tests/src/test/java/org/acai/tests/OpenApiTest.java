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

  private static Set<String> registered() {
    Set<String> routes = new TreeSet<>();
    for (Route route : ServedApi.routes(SERVER.server())) {
      routes.add(
          route.method().toUpperCase(Locale.ROOT)
              + " "
              + route.path().replaceAll("\\{(\\w+)}", "{$1}"));
    }
    return routes;
  }
}
