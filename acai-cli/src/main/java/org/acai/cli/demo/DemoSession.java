package org.acai.cli.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acai.api.error.ServiceFailureException;
import org.acai.api.storage.UploadSession;
import org.acai.sdk.internal.Transport;

/** The demo user's calls, on the same wire protocol every client speaks. */
final class DemoSession {
  private final Transport api;
  private final HttpClient http = HttpClient.newHttpClient();

  DemoSession(URI endpoint, String token) {
    this.api = new Transport(endpoint, token);
  }

  Transport api() {
    return api;
  }

  /** Uploads local files to remote paths in one session; returns the explicit ids in order. */
  List<String> upload(List<HttpRequest.BodyPublisher> bodies, List<String> remotePaths)
      throws IOException {
    UploadSession session =
        api.post(
            "/storage/start_file_upload_session",
            Map.of("paths", remotePaths),
            UploadSession.class);
    for (int i = 0; i < bodies.size(); i++) {
      put(session.files().get(i).s3Url(), bodies.get(i));
    }
    return api.post(
            "/storage/finish_file_upload_session",
            Map.of("session_id", session.sessionId()),
            UploadSession.class)
        .uploadedFileIds();
  }

  static List<HttpRequest.BodyPublisher> files(List<Path> paths) throws IOException {
    List<HttpRequest.BodyPublisher> bodies = new ArrayList<>();
    for (Path path : paths) {
      bodies.add(HttpRequest.BodyPublishers.ofFile(path));
    }
    return bodies;
  }

  String fetch(String url) throws IOException {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while downloading", e);
    }
  }

  private void put(String url, HttpRequest.BodyPublisher body) throws IOException {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).PUT(body).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new ServiceFailureException(
            "Upload failed: HTTP %d %s", response.statusCode(), response.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while uploading", e);
    }
  }
}
