package org.acai.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.acai.api.json.WireJson;

/** A user of the original wire protocol: token as query parameter or body field, raw PUTs. */
final class Wire {
  private final URI base;
  private final String token;

  Wire(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  Http.Answer get(String path, String... params) {
    StringBuilder query = new StringBuilder("?token=").append(encode(token));
    for (int i = 0; i < params.length; i += 2) {
      query.append('&').append(params[i]).append('=').append(encode(params[i + 1]));
    }
    return Http.get(base, path + query);
  }

  Http.Answer post(String path, Object body) {
    ObjectNode json = WireJson.mapper().valueToTree(body);
    json.put("token", token);
    return Http.post(base, path, json.toString());
  }

  static Http.Answer put(String url, byte[] bytes) {
    return Http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/binary")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build());
  }

  private static boolean isTransientS3Error(Http.Answer answer) {
    return answer.status() == 500 && answer.text().contains("<Code>InternalError</Code>");
  }

  /**
   * Uploads files as {@link #upload} does, then makes file set {@code name} of their latest
   * versions.
   */
  void uploadFileSet(String name, List<String> paths, List<byte[]> contents) {
    upload(paths, contents);
    Http.Answer created =
        post("/storage/create_file_set", java.util.Map.of("name", name, "files", paths));
    if (created.status() != 200) {
      throw new IllegalStateException("create_file_set answered " + created.status());
    }
  }

  /** Uploads files the way the original client does: start, PUT each URL, poll until committed. */
  List<String> upload(List<String> paths, List<byte[]> contents) {
    Http.Answer started =
        post("/storage/start_file_upload_session", java.util.Map.of("paths", paths));
    if (started.status() != 200) {
      throw new AssertionError("start failed: " + started.text());
    }
    JsonNode files = started.json().get("files");
    for (int i = 0; i < paths.size(); i++) {
      String url = files.get(i).get("s3_url").asText();
      Http.Answer put = put(url, contents.get(i));
      if (isTransientS3Error(put)) {
        // S3 asks clients to retry an InternalError; S3Proxy's file backend gives one now and then
        // under many concurrent PUTs. Our own blob endpoint never answers with S3's error XML.
        put = put(url, contents.get(i));
      }
      if (put.status() != 200) {
        throw new AssertionError("PUT failed: " + put.text());
      }
    }
    Http.Answer polled =
        get(
            "/storage/poll_file_upload_session",
            "session_id",
            started.json().get("session_id").asText());
    if (!polled.json().get("committed").asBoolean()) {
      throw new AssertionError("not committed after every PUT: " + polled.text());
    }
    List<String> ids = new ArrayList<>();
    polled.json().get("uploaded_file_ids").forEach(id -> ids.add(id.asText()));
    return ids;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
