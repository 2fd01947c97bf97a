package org.acai.server.job.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acai.api.error.ServiceFailureException;
import org.acai.api.storage.FileSetContent;
import org.acai.api.storage.UploadSession;
import org.acai.sdk.internal.Transport;

/**
 * Uploads a job's outputs through the public API with the job's token: one upload session for every
 * file under the output directory, then the output file set from exactly those versions.
 */
public final class OutputUploader {
  private final Transport api;
  // One for every job: each client holds a selector thread and connection pool.
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** An uploader acting with {@code jobToken}. */
  public OutputUploader(URI endpoint, String jobToken) {
    this.api = new Transport(endpoint, jobToken);
  }

  /**
   * Uploads the files as new versions and makes the output file set of exactly those versions.
   *
   * @return the explicit id of the new file set
   */
  public String upload(List<OutputFiles.Entry> files, String setName) throws IOException {
    List<String> remote = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    for (OutputFiles.Entry file : files) {
      remote.add(file.remotePath());
      sizes.add(file.size());
    }
    UploadSession session =
        api.post(
            "/storage/start_file_upload_session",
            Map.of("paths", remote, "sizes", sizes),
            UploadSession.class);
    for (int i = 0; i < files.size(); i++) {
      put(session.files().get(i).s3Url(), files.get(i));
    }
    UploadSession done =
        api.post(
            "/storage/finish_file_upload_session",
            Map.of("session_id", session.sessionId()),
            UploadSession.class);
    FileSetContent set =
        api.post(
            "/storage/create_file_set",
            Map.of("name", setName, "files", done.uploadedFileIds()),
            FileSetContent.class);
    return set.id();
  }

  private void put(String url, OutputFiles.Entry file) throws IOException {
    // Opened without following links, as listed: never by a path the job could have redirected.
    HttpRequest.BodyPublisher body =
        file.size() == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> {
                      try {
                        return file.open();
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    }),
                file.size());
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).PUT(body).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new ServiceFailureException(
            "Cannot upload output %s: HTTP %d %s",
            file.remotePath(), response.statusCode(), response.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(
          new IOException("Interrupted while uploading " + file.remotePath(), e));
    }
  }
}
