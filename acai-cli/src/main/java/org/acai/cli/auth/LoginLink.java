package org.acai.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.acai.api.json.WireJson;
import org.acai.cli.UserError;

/**
 * Asks the server for a one-time web dashboard login link ({@code POST /credential/ui_login_link}).
 */
public final class LoginLink {
  private LoginLink() {}

  /**
   * A link that signs the token's user in to the dashboard once, within two minutes.
   *
   * @throws UserError if the server refuses or cannot be reached
   */
  public static URI create(URI endpoint, String token) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve("/credential/ui_login_link"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = WireJson.mapper().readTree(response.body());
      if (response.statusCode() != 200) {
        JsonNode message = body.path("error").path("message");
        throw new UserError(
            "Cannot make a login link: %s", message.asText("HTTP " + response.statusCode()));
      }
      return endpoint.resolve(body.path("path").asText());
    } catch (IOException e) {
      throw new UserError("Cannot make a login link: %s", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("Cannot make a login link: interrupted");
    }
  }
}
