package org.acai.server.job.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.acai.api.error.ServiceFailureException;
import org.acai.api.storage.FileSetContent;
import org.acai.api.storage.UploadSession;
import org.acai.sdk.internal.Transport;

/**
 * Uploads a job's outputs through the public API with the job's token: one upload session for every
 * file under the output directory, then the output file set from exactly those versions.
 */
final class OutputUploader {
  private final Transport api;
  // One for every job: each client holds a selector thread and connection pool.
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  OutputUploader(URI endpoint, String jobToken) {
    this.api = new Transport(endpoint, jobToken);
  }

  /** Whether any file lies under the output directory. */
  static boolean hasFiles(Path workDir, String outputPath) throws IOException {
    Path root = workDir.resolve(outputPath);
    if (!Files.isDirectory(root)) {
      return false;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.anyMatch(Files::isRegularFile);
    }
  }

  /** Returns the explicit id of the new file set, or null when there was nothing to upload. */
  String upload(Path workDir, String outputPath, String setName) throws IOException {
    Path root = workDir.resolve(outputPath);
    if (!Files.isDirectory(root)) {
      return null;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    if (files.isEmpty()) {
      return null;
    }
    List<String> remote = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    for (Path file : files) {
      remote.add("/" + outputPath + "/" + root.relativize(file).toString().replace('\\', '/'));
      sizes.add(Files.size(file));
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

  private void put(String url, Path file) throws IOException {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url))
                  .PUT(HttpRequest.BodyPublishers.ofFile(file))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new ServiceFailureException(
            "Cannot upload output %s: HTTP %d %s",
            file.getFileName(), response.statusCode(), response.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("Interrupted while uploading " + file, e));
    }
  }
}
