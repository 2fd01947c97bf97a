package org.acai.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.acai.api.json.WireJson;

/** Raw HTTP calls, as the original Python client makes them. */
final class Http {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** For https: the original client turns certificate checks off. */
  private static final HttpClient INSECURE = insecureClient();

  private Http() {}

  record Answer(int status, JsonNode json, String text) {}

  static Answer get(URI base, String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build());
  }

  static Answer post(URI base, String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  static Answer send(HttpRequest request) {
    try {
      HttpClient client = "https".equals(request.uri().getScheme()) ? INSECURE : CLIENT;
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = WireJson.mapper().readTree(response.body());
      } catch (IOException e) {
        json = null;
      }
      return new Answer(response.statusCode(), json, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpClient insecureClient() {
    try {
      return HttpClient.newBuilder().sslContext(TlsTest.trustAll()).build();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
