package org.acai.bench.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acai.sdk.FilePair;
import org.acai.sdk.FilesList;

/**
 * The {@code curl} ceiling for downloads: the same presigned URLs the SDK fetches, fetched by one
 * {@code curl} process into files, {@code parallelism} at a time. Only the {@code curl} run is
 * timed; asking the server for the URLs is {@link #prepare}.
 */
public final class CurlDownload {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI endpoint;
  private final String token;
  private final int parallelism;

  /** Asks {@code endpoint} for URLs as the holder of {@code token}. */
  public CurlDownload(URI endpoint, String token, int parallelism) {
    this.endpoint = endpoint;
    this.token = token;
    this.parallelism = parallelism;
  }

  /** Writes a curl config that fetches every uploaded file into {@code into}; returns its path. */
  public Path prepare(FilesList uploaded, Path into) throws IOException, InterruptedException {
    List<String> paths = new ArrayList<>();
    for (FilePair pair : uploaded) {
      paths.add(pair.remote());
    }
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve("/storage/download_files"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(Map.of("paths", paths))))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("download_files answered " + response.statusCode());
    }
    StringBuilder config = new StringBuilder();
    JsonNode urls = JSON.readTree(response.body());
    for (int i = 0; i < paths.size(); i++) {
      String url = urls.get(i).get("s3_url").asText();
      String name = Path.of(uploaded.get(i).local()).getFileName().toString();
      config.append("url = \"").append(url).append("\"\n");
      config.append("output = \"").append(into.resolve(name)).append("\"\n");
    }
    Path file = into.resolveSibling(into.getFileName() + ".curl");
    Files.writeString(file, config.toString(), StandardCharsets.UTF_8);
    return file;
  }

  /** Runs curl over a config from {@link #prepare}. */
  public void run(Path config) throws IOException, InterruptedException {
    Shell.curl(config, parallelism);
  }
}
