package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The credential endpoints exactly as the original Python client calls them. */
class WireProtocolTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @Test
  void legacyCreateProjectCarriesAdminTokenInBody() {
    Http.Answer answer =
        Http.post(
            SERVER.endpoint(),
            "/credential/create_project",
            "{\"project_id\":\"legacy\",\"admin_token\":\""
                + SERVER.adminToken()
                + "\",\"project_admin_name\":\"root\"}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("project_admin_token").asText()).startsWith("acai_");
    assertThat(answer.json().get("project_admin_id").isIntegralNumber()).isTrue();
  }

  @Test
  void legacyCreateUserThenTokenAsQueryParameterAndBodyField() {
    String adminToken =
        Http.post(
                SERVER.endpoint(),
                "/credential/create_project",
                "{\"project_id\":\"legacy2\",\"admin_token\":\""
                    + SERVER.adminToken()
                    + "\",\"project_admin_name\":\"root\"}")
            .json()
            .get("project_admin_token")
            .asText();
    Http.Answer user =
        Http.post(
            SERVER.endpoint(),
            "/credential/create_user",
            "{\"project_id\":\"legacy2\",\"admin_token\":\""
                + adminToken
                + "\",\"user_name\":\"py\"}");
    String token = user.json().get("user_token").asText();

    Http.Answer viaQuery = Http.get(SERVER.endpoint(), "/credential/whoami?token=" + token);
    Http.Answer viaBody =
        Http.post(SERVER.endpoint(), "/credential/rotate_token", "{\"token\":\"" + token + "\"}");

    assertThat(user.status()).isEqualTo(200);
    assertThat(viaQuery.json().get("user_name").asText()).isEqualTo("py");
    assertThat(viaBody.status()).isEqualTo(200);
  }

  @Test
  void errorsAreJsonWithCodeAndMessage() {
    Http.Answer answer = Http.get(SERVER.endpoint(), "/credential/whoami?token=wrong");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().at("/error/code").asText()).isEqualTo("not_authenticated");
    assertThat(answer.json().at("/error/message").asText()).isNotBlank();
  }

  @Test
  void badBodiesAre400NeverServerErrors() {
    String[] bodies = {
      "not json",
      "[1,2]",
      "{\"project_id\": 5, \"project_admin_name\": \"x\"}",
      "{\"project_id\": [\"a\"], \"project_admin_name\": \"x\"}",
      "{\"project_id\": \"ok\"}",
      "\"text\"",
      "{"
    };
    for (String body : bodies) {
      Http.Answer answer =
          Http.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(SERVER.endpoint() + "/credential/create_project"))
                  .header("Authorization", "Bearer " + SERVER.adminToken())
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                  .build());
      assertThat(answer.status()).as("body %s -> %s", body, answer.text()).isEqualTo(400);
      assertThat(answer.json().at("/error/code").asText()).isEqualTo("invalid_request");
    }
  }

  @Test
  void unknownEndpointIsJson404() {
    Http.Answer answer = Http.get(SERVER.endpoint(), "/storage/nope");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().at("/error/message").asText()).contains("/storage/nope");
  }

  @Test
  void healthAnswersAndMetricsAnswerTheGlobalAdminOnly() {
    Http.get(SERVER.endpoint(), "/credential/whoami?token=x");

    assertThat(Http.get(SERVER.endpoint(), "/healthz").status()).isEqualTo(200);
    assertThat(Http.get(SERVER.endpoint(), "/metrics").status()).isEqualTo(401);
    String user = SERVER.newUserToken(SERVER.newProject()).userToken();
    assertThat(Http.send(metrics(user)).status()).isEqualTo(403);
    assertThat(Http.send(metrics(SERVER.adminToken())).text())
        .contains("acai_http_requests_seconds_count")
        .contains("route=\"/credential/whoami\"")
        .contains("status=\"401\"");
  }

  private static java.net.http.HttpRequest metrics(String token) {
    return java.net.http.HttpRequest.newBuilder(SERVER.endpoint().resolve("/metrics"))
        .header("Authorization", "Bearer " + token)
        .build();
  }
}
