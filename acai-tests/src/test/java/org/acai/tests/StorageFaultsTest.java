package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.acai.server.storage.UrlSigner;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.acai.testkit.blob.GeneratedBytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input, tampering, isolation and concurrency on the storage endpoints. */
class StorageFaultsTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  private Wire wire;

  @BeforeEach
  void newProject() {
    TestProject project = SERVER.newProject();
    wire = new Wire(SERVER.endpoint(), SERVER.newUserToken(project).userToken());
  }

  @Test
  void malformedPathsAre400() {
    List<String> bad =
        List.of(
            "/a/../b",
            "../x",
            "/a/./b",
            "/a//b",
            "/a\\b",
            "/nul\u0000x",
            "/tab\tx",
            "/" + "n".repeat(256),
            "/" + "d/".repeat(600) + "f",
            "/a:b/c",
            "",
            "/",
            "/dir/");
    for (String path : bad) {
      Http.Answer answer =
          wire.post("/storage/start_file_upload_session", Map.of("paths", List.of(path)));
      assertThat(answer.status()).as("path %s -> %s", path, answer.text()).isEqualTo(400);
      assertThat(answer.json().at("/error/code").asText()).isEqualTo("invalid_request");
    }
    assertThat(wire.post("/storage/start_file_upload_session", Map.of("paths", List.of())).status())
        .isEqualTo(400);
    assertThat(wire.post("/storage/start_file_upload_session", Map.of("paths", "x")).status())
        .isEqualTo(400);
    assertThat(wire.get("/storage/download_file", "path", "/x/../../etc/passwd").status())
        .isEqualTo(400);
  }

  @Test
  void tamperedOrExpiredSignaturesAre403() throws Exception {
    String url = startOne("/sig.txt", null, null).at("/files/0/s3_url").asText();
    URI uri = URI.create(url);
    String base = uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
    long past = Instant.now().minusSeconds(5).getEpochSecond();
    String expiredSig =
        UrlSigner.load(SERVER.server().database().jdbi()).sign("PUT", uri.getPath(), past);

    assertThat(Wire.put(url.replaceAll("sig=[^&]+", "sig=forged"), new byte[1]).status())
        .isEqualTo(403);
    assertThat(
            Wire.put(url.replaceAll("expires=\\d+", "expires=99999999999"), new byte[1]).status())
        .isEqualTo(403);
    assertThat(Wire.put(base + "?expires=" + past + "&sig=" + expiredSig, new byte[1]).status())
        .isEqualTo(403);
    assertThat(Wire.put(base, new byte[1]).status()).isEqualTo(403);
  }

  @Test
  void sizeOrDigestMismatchIsRejectedAndNothingCommitted() throws Exception {
    JsonNode bySize = startOne("/size.txt", 10L, null);
    JsonNode byDigest =
        startOne("/digest.txt", null, GeneratedBytes.sha256("expected".getBytes(UTF_8)));

    Http.Answer wrongSize =
        Wire.put(bySize.at("/files/0/s3_url").asText(), "short".getBytes(UTF_8));
    Http.Answer wrongDigest =
        Wire.put(byDigest.at("/files/0/s3_url").asText(), "different".getBytes(UTF_8));

    assertThat(wrongSize.status()).isEqualTo(400);
    assertThat(wrongDigest.status()).isEqualTo(400);
    assertThat(poll(bySize).get("committed").asBoolean()).isFalse();
    assertThat(wire.get("/storage/list_file_versions", "path", "/size.txt").status())
        .isEqualTo(404);
    assertThat(wire.get("/storage/list_file_versions", "path", "/digest.txt").status())
        .isEqualTo(404);
  }

  @Test
  void finishingBeforeEveryPutLandedIs409() {
    JsonNode session =
        wire.post("/storage/start_file_upload_session", Map.of("paths", List.of("/f1", "/f2")))
            .json();
    Wire.put(session.at("/files/0/s3_url").asText(), new byte[1]);

    Http.Answer finish =
        wire.post(
            "/storage/finish_file_upload_session",
            Map.of("session_id", session.get("session_id").asText()));

    assertThat(finish.status()).isEqualTo(409);
    assertThat(finish.json().at("/error/message").asText())
        .contains("1 file(s) have not been uploaded");
  }

  @Test
  void abortedSessionAcceptsNoMoreBytes() {
    JsonNode session = startOne("/ab.txt", null, null);
    String id = session.get("session_id").asText();

    assertThat(wire.post("/storage/abort_file_upload_session", Map.of("session_id", id)).status())
        .isEqualTo(200);
    assertThat(Wire.put(session.at("/files/0/s3_url").asText(), new byte[1]).status())
        .isEqualTo(404);
    assertThat(wire.get("/storage/list_file_versions", "path", "/ab.txt").status()).isEqualTo(404);
  }

  @Test
  void anotherProjectsFilesSetsAndSessionsAre404() {
    wire.upload(List.of("/secret.txt"), List.of("s".getBytes(UTF_8)));
    wire.post(
        "/storage/create_file_set", Map.of("name", "secrets", "files", List.of("/secret.txt")));
    JsonNode session = startOne("/pending.txt", null, null);
    TestProject other = SERVER.newProject();
    Wire intruder = new Wire(SERVER.endpoint(), other.adminToken());

    assertThat(intruder.get("/storage/download_file", "path", "/secret.txt").status())
        .isEqualTo(404);
    assertThat(intruder.get("/storage/list_file_versions", "path", "/secret.txt").status())
        .isEqualTo(404);
    assertThat(intruder.get("/storage/resolve_file_set", "vague_name", "secrets").status())
        .isEqualTo(404);
    assertThat(intruder.get("/storage/list_file_sets").json()).isEmpty();
    assertThat(intruder.get("/storage/list_directory", "directory_path", "/").json()).isEmpty();
    assertThat(
            intruder
                .get(
                    "/storage/poll_file_upload_session",
                    "session_id",
                    session.get("session_id").asText())
                .status())
        .isEqualTo(404);
    assertThat(
            intruder
                .post(
                    "/storage/create_file_set",
                    Map.of("name", "steal", "files", List.of("/secret.txt")))
                .status())
        .isEqualTo(404);
  }

  @Test
  void expiredSessionsAreDiscardedWithTheirStagedBytes() {
    JsonNode session =
        wire.post("/storage/start_file_upload_session", Map.of("paths", List.of("/e1", "/e2")))
            .json();
    String id = session.get("session_id").asText();
    Wire.put(session.at("/files/0/s3_url").asText(), "staged".getBytes(UTF_8));
    java.nio.file.Path staging = SERVER.home().resolve("blobs/staging");
    long stagedBefore = countFiles(staging);
    SERVER.withDatabase(
        handle ->
            handle.execute(
                "UPDATE upload_sessions SET expires_at = now() - interval '1 second' WHERE id = ?::uuid",
                id));

    int expired = SERVER.server().storage().uploads().expireSessions();

    assertThat(expired).isGreaterThanOrEqualTo(1);
    assertThat(countFiles(staging)).isLessThan(stagedBefore);
    assertThat(wire.get("/storage/poll_file_upload_session", "session_id", id).status())
        .isEqualTo(404);
    assertThat(Wire.put(session.at("/files/1/s3_url").asText(), new byte[1]).status())
        .isEqualTo(404);
  }

  private static long countFiles(java.nio.file.Path dir) {
    try (var files = java.nio.file.Files.walk(dir)) {
      return files.filter(java.nio.file.Files::isRegularFile).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void fileAndDirectoryOfTheSameNameCannotCoexist() {
    wire.upload(List.of("/x/y.txt"), List.of(new byte[1]));

    JsonNode overDir = startOne("/x", null, null);
    Http.Answer put = Wire.put(overDir.at("/files/0/s3_url").asText(), new byte[1]);

    assertThat(put.status()).isEqualTo(409);
    assertThat(put.json().at("/error/message").asText())
        .contains("a directory of that name exists");
  }

  private JsonNode startOne(String path, Long size, String sha) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("paths", List.of(path));
    if (size != null) {
      body.put("sizes", List.of(size));
    }
    if (sha != null) {
      body.put("sha256s", List.of(sha));
    }
    Http.Answer answer = wire.post("/storage/start_file_upload_session", body);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return answer.json();
  }

  private JsonNode poll(JsonNode session) {
    return wire.get(
            "/storage/poll_file_upload_session", "session_id", session.get("session_id").asText())
        .json();
  }
}
