package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.acai.api.error.ForbiddenException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchProjectException;
import org.acai.api.error.QuotaExceededException;
import org.acai.api.lifecycle.Quota;
import org.acai.api.lifecycle.SetQuotaRequest;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilePair;
import org.acai.sdk.JobSpec;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Per-project quotas through the SDK and the original wire protocol, against a real server. */
class QuotaSdkTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir Path dir;
  private TestProject project;
  private AcaiClient user;
  private AcaiClient admin;

  @BeforeEach
  void newProject() {
    project = SERVER.newProject();
    user = SERVER.newUser(project);
    admin = AcaiClient.connect(SERVER.endpoint(), SERVER.adminToken());
  }

  @Test
  void sessionUploadPastTheByteQuotaIsRefusedBeforeAnyByteIsStored() throws Exception {
    upload("/small.txt", "12345");
    admin.admin().setQuota(new SetQuotaRequest(project.name(), 2_000_000L, null, null));
    long filesBefore = blobFiles();

    // Over 1 MiB: goes through an upload session, whose start declares the size.
    Path big = write("big.bin", new byte[2_000_000]);
    assertThatThrownBy(() -> user.files().upload(Map.of(big.toString(), "/big.bin")))
        .isInstanceOf(QuotaExceededException.class)
        .hasMessageContaining("byte quota is 2000000 bytes and 5 are used");

    assertThat(blobFiles()).isEqualTo(filesBefore);
    assertThat(user.files().usage().versions()).isEqualTo(1);
    Quota quota = admin.admin().quota(project.name());
    assertThat(quota.maxBytes()).isEqualTo(2_000_000L);
    assertThat(quota.usedBytes()).isEqualTo(5);
    assertThat(quota.usedFiles()).isEqualTo(1);
  }

  @Test
  void batchUploadPastTheFileQuotaIsRefusedAndNothingOfItIsCommitted() throws Exception {
    admin.admin().setQuota(new SetQuotaRequest(project.name(), null, 3L, null));
    upload("/a.txt", "a");
    List<FilePair> pairs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      pairs.add(new FilePair(write("f" + i, ("f" + i).getBytes(UTF_8)).toString(), "/f" + i));
    }

    assertThatThrownBy(() -> user.files().upload(pairs))
        .isInstanceOf(QuotaExceededException.class)
        .hasMessageContaining("file quota");

    assertThat(user.files().usage().versions()).isEqualTo(1);
    user.files().upload(pairs.subList(0, 2));
    assertThat(user.files().usage().versions()).isEqualTo(3);
  }

  @Test
  void trashedVersionsDoNotCountAndLiftingTheQuotaAllowsUploadsAgain() throws Exception {
    admin.admin().setQuota(new SetQuotaRequest(project.name(), null, 1L, null));
    upload("/a.txt", "a");
    assertThatThrownBy(() -> upload("/b.txt", "b")).isInstanceOf(QuotaExceededException.class);

    user.trash().deleteFile("/a.txt");
    assertThat(upload("/b.txt", "b")).isEqualTo("/b.txt:1");

    admin.admin().setQuota(new SetQuotaRequest(project.name(), null, null, null));
    assertThat(upload("/c.txt", "c")).isEqualTo("/c.txt:1");
  }

  @Test
  void jobPastTheRunningJobsQuotaIsRefusedUntilOneEnds() {
    admin.admin().setQuota(new SetQuotaRequest(project.name(), null, null, 1L));
    long first = user.jobs().submit(sleeping()).id();

    assertThatThrownBy(() -> user.jobs().submit(sleeping()))
        .isInstanceOf(QuotaExceededException.class)
        .hasMessageContaining("running-jobs quota is 1");
    assertThat(admin.admin().quota(project.name()).runningJobs()).isEqualTo(1);

    user.jobs().kill(first);
    // A kill returns once asked; the job counts against the quota until it has ended.
    user.jobs().waitFor(first, java.time.Duration.ofSeconds(30));
    long second = user.jobs().submit(sleeping()).id();
    user.jobs().kill(second);
  }

  @Test
  void originalClientUploadWithoutSizesIsRefusedAtThePutAndPollingNamesTheQuota() {
    admin.admin().setQuota(new SetQuotaRequest(project.name(), 10L, null, null));
    Wire wire = new Wire(SERVER.endpoint(), project.adminToken());
    Http.Answer started =
        wire.post("/storage/start_file_upload_session", Map.of("paths", List.of("/w.txt")));
    assertThat(started.status()).isEqualTo(200);

    Http.Answer put =
        Wire.put(started.json().get("files").get(0).get("s3_url").asText(), new byte[11]);
    Http.Answer polled =
        wire.get(
            "/storage/poll_file_upload_session",
            "session_id",
            started.json().get("session_id").asText());

    assertThat(put.status()).isEqualTo(403);
    assertThat(polled.status()).isEqualTo(403);
    assertThat(polled.json().at("/error/code").asText()).isEqualTo("quota_exceeded");
    assertThat(polled.json().at("/error/message").asText()).contains("byte quota");
    assertThat(user.files().usage().versions()).isZero();
  }

  @Test
  void onlyTheGlobalAdminSetsQuotasAndLimitsAreChecked() {
    SetQuotaRequest request = new SetQuotaRequest(project.name(), 1L, null, null);

    assertThatThrownBy(() -> project.admin().admin().setQuota(request))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> project.admin().admin().quota(project.name()))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> admin.admin().setQuota(new SetQuotaRequest("no-such", 1L, null, null)))
        .isInstanceOf(NoSuchProjectException.class);
    assertThatThrownBy(
            () -> admin.admin().setQuota(new SetQuotaRequest(project.name(), -1L, null, null)))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(admin.admin().quota(project.name()).maxBytes()).isNull();
  }

  private static JobSpec sleeping() {
    return JobSpec.builder().name("sleeper").command("sleep 30").outputPath("o").build();
  }

  private String upload(String remote, String content) throws IOException {
    Path local = write("up" + System.nanoTime(), content.getBytes(UTF_8));
    return user.files().upload(Map.of(local.toString(), remote)).get(0).remote();
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static long blobFiles() throws IOException {
    try (Stream<Path> files = Files.walk(SERVER.home().resolve("blobs"))) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
