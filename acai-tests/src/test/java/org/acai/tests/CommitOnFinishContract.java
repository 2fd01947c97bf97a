package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.acai.testkit.blob.GeneratedBytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions started with {@code commit_on_finish} (how the SDK sends large files, hashing them on
 * the way): only {@code finish} commits them, and the digests it declares are checked against the
 * bytes before any version is made; a mismatch leaves the session open to send again.
 */
abstract class CommitOnFinishContract {
  /** The server under test. */
  abstract AcaiServerExtension server();

  private Wire wire;

  @BeforeEach
  void newProject() {
    TestProject project = server().newProject();
    wire = new Wire(server().endpoint(), server().newUserToken(project).userToken());
  }

  @Test
  void theLastPutAndPollsDoNotCommitOnlyTheFinishWithMatchingDigestsDoes() {
    byte[] big = "the large file".getBytes(UTF_8);
    byte[] small = "small".getBytes(UTF_8);
    JsonNode session = start(List.of("/d/big.bin", "/d/small.txt"), GeneratedBytes.sha256(small));
    put(session, 0, big);
    put(session, 1, small);

    assertThat(poll(session).get("committed").asBoolean()).isFalse();
    assertThat(wire.get("/storage/list_file_versions", "path", "/d/big.bin").status())
        .isEqualTo(404);
    Http.Answer finished = finish(session, Arrays.asList(GeneratedBytes.sha256(big), null));

    assertThat(finished.status()).as(finished.text()).isEqualTo(200);
    assertThat(finished.json().get("uploaded_file_ids").get(0).asText()).isEqualTo("/d/big.bin:1");
    JsonNode versions = wire.get("/storage/list_file_versions", "path", "/d/big.bin").json();
    assertThat(versions.get(0).get("sha256").asText()).isEqualTo(GeneratedBytes.sha256(big));
    assertThat(poll(session).get("committed").asBoolean()).isTrue();
  }

  @Test
  void aDigestThatDoesNotMatchTheBytesIsRefusedAndTheSessionCanBeSentAgain() {
    byte[] meant = "what the client read".getBytes(UTF_8);
    JsonNode session = start(List.of("/e/f.bin"), null);
    put(session, 0, "what arrived instead".getBytes(UTF_8));

    Http.Answer refused = finish(session, List.of(GeneratedBytes.sha256(meant)));

    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    assertThat(refused.json().at("/error/message").asText()).contains("/e/f.bin");
    assertThat(wire.get("/storage/list_file_versions", "path", "/e/f.bin").status()).isEqualTo(404);
    put(session, 0, meant);
    Http.Answer finished = finish(session, List.of(GeneratedBytes.sha256(meant)));
    assertThat(finished.status()).as(finished.text()).isEqualTo(200);
    assertThat(finished.json().get("uploaded_file_ids").get(0).asText()).isEqualTo("/e/f.bin:1");
  }

  @Test
  void digestsThatContradictTheStartOrAreMalformedOrMiscountedAreRefused() {
    byte[] bytes = "x".getBytes(UTF_8);
    JsonNode session = start(List.of("/g/x"), GeneratedBytes.sha256(bytes));
    put(session, 0, bytes);

    assertThat(finish(session, List.of(GeneratedBytes.sha256("y".getBytes(UTF_8)))).status())
        .isEqualTo(400);
    assertThat(finish(session, List.of("ABC")).status()).isEqualTo(400);
    assertThat(
            finish(session, List.of(GeneratedBytes.sha256(bytes), GeneratedBytes.sha256(bytes)))
                .status())
        .isEqualTo(400);
    Map<String, Object> wrongType = new LinkedHashMap<>();
    wrongType.put("session_id", session.get("session_id").asText());
    wrongType.put("sha256s", "not a list");
    assertThat(wire.post("/storage/finish_file_upload_session", wrongType).status()).isEqualTo(400);
    assertThat(wire.get("/storage/list_file_versions", "path", "/g/x").status()).isEqualTo(404);
    assertThat(finish(session, null).status()).isEqualTo(200);
  }

  private JsonNode start(List<String> paths, String lastSha) {
    List<String> shas = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      shas.add(i == paths.size() - 1 ? lastSha : null);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("paths", paths);
    body.put("sha256s", shas);
    body.put("commit_on_finish", true);
    Http.Answer started = wire.post("/storage/start_file_upload_session", body);
    assertThat(started.status()).as(started.text()).isEqualTo(200);
    return started.json();
  }

  private static void put(JsonNode session, int index, byte[] bytes) {
    Http.Answer put = Wire.put(session.at("/files/" + index + "/s3_url").asText(), bytes);
    assertThat(put.status()).as(put.text()).isEqualTo(200);
  }

  private JsonNode poll(JsonNode session) {
    return wire.get(
            "/storage/poll_file_upload_session", "session_id", session.get("session_id").asText())
        .json();
  }

  private Http.Answer finish(JsonNode session, List<String> digests) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("session_id", session.get("session_id").asText());
    if (digests != null) {
      body.put("sha256s", digests);
    }
    return wire.post("/storage/finish_file_upload_session", body);
  }
}
