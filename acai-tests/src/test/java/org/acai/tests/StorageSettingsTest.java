package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acai.api.error.PayloadTooLargeException;
import org.acai.api.job.JobState;
import org.acai.api.job.JobStatus;
import org.acai.api.storage.FileSetContent;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilePair;
import org.acai.sdk.JobSpec;
import org.acai.sdk.transfer.TransferOptions;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's limits on uploads and code archives, set small: the largest file (declared, sent
 * with a length, or streamed without one), open upload sessions per user, the unpacked size of a
 * job's code, and the validity of data-plane URLs. Each refusal is a clear 4xx and stores nothing.
 */
class StorageSettingsTest {
  private static final int MAX_FILE = 1024;
  private static final int MAX_OPEN = 3;

  @RegisterExtension
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension()
          .withEnv(
              () ->
                  Map.of(
                      "ACAI_MAX_FILE_SIZE", "1Ki",
                      "ACAI_MAX_OPEN_SESSIONS", Integer.toString(MAX_OPEN),
                      "ACAI_MAX_CODE_SIZE", "1Ki",
                      "ACAI_URL_TTL", "2s"));

  private TestProject project;
  private Wire wire;
  private AcaiClient client;

  @BeforeEach
  void newUser() {
    project = SERVER.newProject();
    String token = SERVER.newUserToken(project).userToken();
    wire = new Wire(SERVER.endpoint(), token);
    client = AcaiClient.connect(SERVER.endpoint(), token);
  }

  @Test
  void aDeclaredSizeOverTheLargestFileIsRefusedAtStart() {
    Http.Answer started =
        wire.post(
            "/storage/start_file_upload_session",
            Map.of("paths", List.of("/big.bin"), "sizes", List.of(MAX_FILE + 1)));

    assertThat(started.status()).isEqualTo(413);
    assertThat(started.json().at("/error/message").asText())
        .contains("/big.bin", "1025 bytes", "ACAI_MAX_FILE_SIZE");
    assertNothingStored("/big.bin");
  }

  @Test
  void anUndeclaredPutWithALengthOverTheLimitIsRefusedAndPollingSaysWhy() {
    JsonNode session = start("/big.bin");

    Http.Answer put = Wire.put(url(session), new byte[MAX_FILE + 1]);

    assertThat(put.status()).isEqualTo(413);
    assertThat(poll(session).status()).isEqualTo(413);
    assertThat(poll(session).json().at("/error/message").asText()).contains("ACAI_MAX_FILE_SIZE");
    assertNothingStored("/big.bin");
  }

  @Test
  void aStreamedPutWithoutLengthIsCutOffAtTheLimit() {
    JsonNode session = start("/streamed.bin");

    Http.Answer put =
        Http.send(
            HttpRequest.newBuilder(URI.create(url(session)))
                .PUT(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(new byte[64 * 1024])))
                .build());

    assertThat(put.status()).isEqualTo(413);
    assertThat(put.json().at("/error/message").asText()).contains("more than 1024 bytes");
    assertThat(poll(session).status()).isEqualTo(413);
    assertNothingStored("/streamed.bin");
  }

  @Test
  void theSdkUploadsAFileAtTheLimitAndIsRefusedOneByteMore() throws Exception {
    Path dir = Files.createTempDirectory("limits");
    Path fits = Files.write(dir.resolve("fits.bin"), new byte[MAX_FILE]);
    Path over = Files.write(dir.resolve("over.bin"), new byte[MAX_FILE + 1]);

    assertThat(client.files().upload(Map.of(fits.toString(), "/sdk/fits.bin")))
        .extracting(pair -> pair.remote())
        .containsExactly("/sdk/fits.bin:1");
    assertThatThrownBy(() -> client.files().upload(Map.of(over.toString(), "/sdk/over.bin")))
        .isInstanceOf(PayloadTooLargeException.class)
        .hasMessageContaining("ACAI_MAX_FILE_SIZE");
    assertNothingStored("/sdk/over.bin");
  }

  @Test
  void aFileAtTheLimitIsStored() {
    List<String> ids = wire.upload(List.of("/exact.bin"), List.of(new byte[MAX_FILE]));

    assertThat(ids).containsExactly("/exact.bin:1");
  }

  @Test
  void aUserWithTooManyOpenSessionsIsToldToFinishOne() {
    List<JsonNode> open = new ArrayList<>();
    for (int i = 0; i < MAX_OPEN; i++) {
      open.add(start("/open/" + i));
    }

    Http.Answer refused =
        wire.post("/storage/start_file_upload_session", Map.of("paths", List.of("/one-more")));
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.json().at("/error/message").asText())
        .contains("3 of yours are open", "ACAI_MAX_OPEN_SESSIONS");

    // Another user of the same project is not affected; finishing one frees a place.
    Wire colleague = new Wire(SERVER.endpoint(), SERVER.newUserToken(project).userToken());
    assertThat(
            colleague
                .post("/storage/start_file_upload_session", Map.of("paths", List.of("/theirs")))
                .status())
        .isEqualTo(200);
    Wire.put(url(open.get(0)), "done".getBytes(UTF_8));
    assertThat(poll(open.get(0)).json().get("committed").asBoolean()).isTrue();
    assertThat(
            wire.post("/storage/start_file_upload_session", Map.of("paths", List.of("/one-more")))
                .status())
        .isEqualTo(200);
  }

  /**
   * Drafts are bounded as sessions are; past the bound a put for a set still makes its set, from
   * the ids, and a draft made into a set frees a place.
   */
  @Test
  void aUserWithTooManyOpenDraftsIsToldAndAPutStillMakesItsSet(@TempDir Path dir) throws Exception {
    List<Long> drafts = new ArrayList<>();
    for (int i = 0; i < MAX_OPEN; i++) {
      drafts.add(
          wire.post("/storage/open_file_set_draft", Map.of()).json().get("draft_id").asLong());
    }

    Http.Answer refused = wire.post("/storage/open_file_set_draft", Map.of());
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.json().at("/error/message").asText())
        .contains("3 of yours are open", "ACAI_MAX_OPEN_SESSIONS");
    List<FilePair> pairs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      pairs.add(
          new FilePair(Files.writeString(dir.resolve(i + ".txt"), "d" + i).toString(), "/d/" + i));
    }
    FileSetContent set =
        client.files().uploadForFileSet(pairs, TransferOptions.defaults()).asNewFileSet("anyway");
    assertThat(set.files()).containsExactly("/d/0:1", "/d/1:1", "/d/2:1");
    wire.upload(List.of("/in-draft.txt"), List.of("x".getBytes(UTF_8)));
    Http.Answer made =
        wire.post(
            "/storage/create_file_set_from_draft",
            Map.of(
                "name", "fromdraft", "draft_id", drafts.get(0), "files", List.of("/in-draft.txt")));
    assertThat(made.status()).isEqualTo(200);
    assertThat(wire.post("/storage/open_file_set_draft", Map.of()).status()).isEqualTo(200);
  }

  @Test
  void aCodeArchiveUnpackingPastTheLimitFailsTheJobWithTheReason() {
    wire.upload(
        List.of("/code.zip"), List.of(Zips.of(Map.of("big.txt", "x".repeat(MAX_FILE * 4)))));

    long id =
        client
            .jobs()
            .submit(
                JobSpec.builder()
                    .name("too-much-code")
                    .code("/code.zip")
                    .command("cat big.txt")
                    .outputPath("out")
                    .build())
            .id();
    JobState end = client.jobs().waitFor(id, Duration.ofMinutes(1));

    assertThat(end.jobStatus()).isEqualTo(JobStatus.FAILED);
    assertThat(end.reason()).contains("more than 1024 bytes uncompressed");
  }

  @Test
  void aDataUrlStopsWorkingOnceItsTtlHasPassed() throws InterruptedException {
    wire.upload(List.of("/brief.txt"), List.of("brief".getBytes(UTF_8)));
    String url =
        wire.get("/storage/download_file", "path", "/brief.txt").json().get("s3_url").asText();
    assertThat(Http.get(URI.create(url), "").status()).isEqualTo(200);

    Thread.sleep(3000);

    Http.Answer late = Http.get(URI.create(url), "");
    assertThat(late.status()).isEqualTo(403);
    assertThat(late.text()).contains("expired");
  }

  private JsonNode start(String path) {
    Http.Answer started =
        wire.post("/storage/start_file_upload_session", Map.of("paths", List.of(path)));
    assertThat(started.status()).as(started.text()).isEqualTo(200);
    return started.json();
  }

  private static String url(JsonNode session) {
    return session.at("/files/0/s3_url").asText();
  }

  private Http.Answer poll(JsonNode session) {
    return wire.get(
        "/storage/poll_file_upload_session", "session_id", session.get("session_id").asText());
  }

  private void assertNothingStored(String path) {
    assertThat(wire.get("/storage/list_file_versions", "path", path).status()).isEqualTo(404);
  }
}
