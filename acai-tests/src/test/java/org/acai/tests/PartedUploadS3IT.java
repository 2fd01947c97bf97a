package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilePair;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.acai.testkit.blob.GeneratedBytes;
import org.acai.testkit.s3.S3ProxyExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Large files on S3 go as multipart uploads whose parts the client PUTs straight to S3, in
 * parallel, through presigned part URLs (parts of 5 MiB here, {@code ACAI_UPLOAD_PART_SIZE}); the
 * server completes the upload once every part is there with its size, checks the digest declared at
 * the finish, and leaves no pending upload or marker behind, on success or abort.
 */
class PartedUploadS3IT {
  private static final int PART = 5 << 20;
  private static final String PREFIX = "parts/";

  @RegisterExtension
  @Order(1)
  static final S3ProxyExtension S3 = new S3ProxyExtension();

  @RegisterExtension
  @Order(2)
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension()
          .withEnv(
              () -> {
                Map<String, String> env = new LinkedHashMap<>(S3.acaiEnv(PREFIX));
                env.put("ACAI_UPLOAD_PART_SIZE", "5Mi");
                return env;
              });

  @TempDir Path dir;
  private TestProject project;
  private Wire wire;

  @BeforeEach
  void newProject() {
    project = SERVER.newProject();
    wire = new Wire(SERVER.endpoint(), SERVER.newUserToken(project).userToken());
  }

  @Test
  void theSdkSendsALargeFileInPartsAndItReadsBackWithItsDigest() throws Exception {
    byte[] bytes = random(2 * PART + 12_345);
    Path file = Files.write(dir.resolve("big.bin"), bytes);
    AcaiClient client = SERVER.newUser(project);

    List<FilePair> uploaded = client.files().upload(List.of(new FilePair(file + "", "/big.bin")));
    Path copy = dir.resolve("copy.bin");
    client.files().download(Map.of("/big.bin", copy.toString()));

    assertThat(uploaded).extracting(FilePair::remote).containsExactly("/big.bin:1");
    assertThat(Files.readAllBytes(copy)).isEqualTo(bytes);
    assertThat(client.files().listFileVersions("/big.bin").get(0).sha256())
        .isEqualTo(GeneratedBytes.sha256(bytes));
    assertNothingPending();
  }

  @Test
  void theSessionCommitsOnlyOnceEveryPartHasArrivedWithItsSize() {
    byte[] bytes = random(2 * PART + 7);
    JsonNode session = start(bytes.length);
    JsonNode target = session.at("/files/0");
    assertThat(target.get("s3_url").isNull()).isTrue();
    assertThat(target.get("part_size").asLong()).isEqualTo(PART);
    assertThat(target.get("part_urls")).hasSize(3);

    put(target, 0, Arrays.copyOfRange(bytes, 0, PART));
    put(target, 2, Arrays.copyOfRange(bytes, 2 * PART, bytes.length));
    assertThat(finish(session, GeneratedBytes.sha256(bytes)).status()).isEqualTo(409);
    put(target, 1, Arrays.copyOfRange(bytes, PART, PART + 10));
    assertThat(finish(session, GeneratedBytes.sha256(bytes)).status())
        .as("a part of the wrong size")
        .isEqualTo(409);
    put(target, 1, Arrays.copyOfRange(bytes, PART, 2 * PART));
    Http.Answer finished = finish(session, GeneratedBytes.sha256(bytes));

    assertThat(finished.status()).as(finished.text()).isEqualTo(200);
    assertThat(finished.json().at("/uploaded_file_ids/0").asText()).isEqualTo("/parted.bin:1");
    assertNothingPending();
  }

  @Test
  void abortingASessionFreesItsParts() {
    byte[] bytes = random(PART + 1);
    JsonNode session = start(bytes.length);
    put(session.at("/files/0"), 0, Arrays.copyOfRange(bytes, 0, PART));

    Http.Answer aborted =
        wire.post(
            "/storage/abort_file_upload_session",
            Map.of("session_id", session.get("session_id").asText()));

    assertThat(aborted.status()).as(aborted.text()).isEqualTo(200);
    assertNothingPending();
  }

  private JsonNode start(long size) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("paths", List.of("/parted.bin"));
    body.put("sizes", List.of(size));
    body.put("commit_on_finish", true);
    Http.Answer started = wire.post("/storage/start_file_upload_session", body);
    assertThat(started.status()).as(started.text()).isEqualTo(200);
    return started.json();
  }

  private static void put(JsonNode target, int part, byte[] bytes) {
    Http.Answer put = Wire.put(target.get("part_urls").get(part).asText(), bytes);
    assertThat(put.status()).as(put.text()).isEqualTo(200);
  }

  private Http.Answer finish(JsonNode session, String sha) {
    return wire.post(
        "/storage/finish_file_upload_session",
        Map.of("session_id", session.get("session_id").asText(), "sha256s", List.of(sha)));
  }

  private static void assertNothingPending() {
    try (S3Client s3 = S3.newClient()) {
      assertThat(
              s3.listMultipartUploads(r -> r.bucket(S3ProxyExtension.BUCKET).prefix(PREFIX))
                  .uploads())
          .as("pending multipart uploads")
          .isEmpty();
      assertThat(
              s3.listObjectsV2(r -> r.bucket(S3ProxyExtension.BUCKET).prefix(PREFIX + "staging/"))
                  .contents())
          .as("staged objects and markers")
          .isEmpty();
    }
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
