package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.acai.api.error.ConflictException;
import org.acai.api.error.ForbiddenException;
import org.acai.api.error.NoSuchProjectException;
import org.acai.api.error.NoSuchUserException;
import org.acai.api.error.NotAuthenticatedException;
import org.acai.api.identity.CreateUserResponse;
import org.acai.api.identity.Removal;
import org.acai.api.identity.UserInfo;
import org.acai.api.lifecycle.FsckReport;
import org.acai.api.lifecycle.GcReport;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobSpec;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Removing users and projects through the SDK, against a real server. */
class RemovalSdkTest {
  @RegisterExtension
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension()
          .withEnv("ACAI_RETENTION", "0")
          .withEnv("ACAI_GC_GRACE", "0")
          .withEnv("ACAI_GC_INTERVAL", "0");

  @TempDir Path dir;
  private TestProject project;
  private AcaiClient admin;

  @BeforeEach
  void newProject() {
    project = SERVER.newProject();
    admin = AcaiClient.connect(SERVER.endpoint(), SERVER.adminToken());
  }

  @Test
  void deletedUsersOldTokenGets401AtOnceAndWhatItUploadedStays() throws Exception {
    CreateUserResponse created = SERVER.newUserToken(project);
    AcaiClient user = AcaiClient.connect(SERVER.endpoint(), created.userToken());
    upload(user, "/kept.txt", "kept");

    Removal removal = project.admin().identity().deleteUser(created.userId());

    assertThat(removal.revokedTokens()).isEqualTo(1);
    assertThatThrownBy(user::whoami).isInstanceOf(NotAuthenticatedException.class);
    Http.Answer wire = new Wire(SERVER.endpoint(), created.userToken()).get("/credential/whoami");
    assertThat(wire.status()).isEqualTo(401);
    assertThat(project.admin().identity().listUsers())
        .extracting(UserInfo::userId)
        .doesNotContain(created.userId());
    assertThat(project.admin().files().resolveVaguePath("/kept.txt").id()).isEqualTo("/kept.txt:1");
    assertThatThrownBy(() -> project.admin().identity().deleteUser(created.userId()))
        .isInstanceOf(NoSuchUserException.class);
  }

  @Test
  void onlyAProjectAdminDeletesUsersAndNeverItselfOrAnotherProjectsUsers() {
    CreateUserResponse plain = SERVER.newUserToken(project);
    AcaiClient user = AcaiClient.connect(SERVER.endpoint(), plain.userToken());
    TestProject other = SERVER.newProject();
    CreateUserResponse theirs = SERVER.newUserToken(other);

    assertThatThrownBy(() -> user.identity().deleteUser(project.adminId()))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> project.admin().identity().deleteUser(project.adminId()))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> project.admin().identity().deleteUser(theirs.userId()))
        .isInstanceOf(NoSuchUserException.class);
    assertThatThrownBy(() -> project.admin().identity().deleteUser(other.adminId()))
        .isInstanceOf(NoSuchUserException.class);
    assertThatThrownBy(() -> project.admin().admin().deleteProject(other.name()))
        .isInstanceOf(NoSuchProjectException.class);
    assertThatThrownBy(() -> project.admin().admin().deleteProject(project.name()))
        .isInstanceOf(ForbiddenException.class);
    assertThat(AcaiClient.connect(SERVER.endpoint(), theirs.userToken()).whoami().projectId())
        .isEqualTo(other.name());
    assertThat(other.admin().whoami().projectId()).isEqualTo(other.name());
  }

  @Test
  void deletedProjectIsInvisibleAtOnceAndGcFreesItsBlobsButNotSharedOnes() throws Exception {
    AcaiClient user = SERVER.newUser(project);
    String own = "own " + System.nanoTime() + "\n";
    String shared = "shared " + System.nanoTime() + "\n";
    // Over the batch limit (1 MiB): each is a blob file of its own.
    upload(user, "/own.bin", own.repeat(100_000));
    upload(user, "/shared.bin", shared.repeat(100_000));
    user.fileSets().createFileSet("both", List.of("/own.bin", "/shared.bin"));
    TestProject other = SERVER.newProject();
    upload(other.admin(), "/copy.bin", shared.repeat(100_000));
    long blobsBefore = blobFiles();

    Removal removal = admin.admin().deleteProject(project.name());

    assertThat(removal.forgottenVersions()).isEqualTo(2);
    assertThat(removal.revokedTokens()).isEqualTo(2);
    assertThatThrownBy(user::whoami).isInstanceOf(NotAuthenticatedException.class);
    assertThatThrownBy(() -> project.admin().files().listDir("/"))
        .isInstanceOf(NotAuthenticatedException.class);
    assertThatThrownBy(() -> admin.admin().quota(project.name()))
        .isInstanceOf(NoSuchProjectException.class);
    GcReport gc = admin.admin().gc();
    FsckReport fsck = admin.admin().fsckWithHashes();

    assertThat(gc.freedBlobs()).isEqualTo(1);
    assertThat(gc.freedBytes()).isEqualTo(own.length() * 100_000L);
    assertThat(blobFiles()).isEqualTo(blobsBefore - 1);
    assertThat(fsck.isClean()).as(fsck.problems().toString()).isTrue();
    assertThat(download(other.admin(), "/copy.bin")).isEqualTo(shared.repeat(100_000));
    assertThatThrownBy(() -> admin.admin().deleteProject(project.name()))
        .isInstanceOf(NoSuchProjectException.class);
  }

  @Test
  void aProjectWithJobsStillRunningIsNotDeleted() {
    AcaiClient user = SERVER.newUser(project);
    long job =
        user.jobs()
            .submit(JobSpec.builder().name("long").command("sleep 30").outputPath("o").build())
            .id();

    assertThatThrownBy(() -> admin.admin().deleteProject(project.name()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("1 job(s) have not ended");
    assertThat(user.whoami().projectId()).isEqualTo(project.name());
    user.jobs().kill(job);
  }

  private String upload(AcaiClient client, String remote, String content) throws IOException {
    Path local = Files.writeString(dir.resolve("up" + System.nanoTime()), content);
    return client.files().upload(Map.of(local.toString(), remote)).get(0).remote();
  }

  private String download(AcaiClient client, String remote) throws IOException {
    Path local = dir.resolve("down" + System.nanoTime());
    client.files().download(Map.of(remote, local.toString()));
    return Files.readString(local, UTF_8);
  }

  private static long blobFiles() throws IOException {
    try (Stream<Path> files = Files.walk(SERVER.home().resolve("blobs/sha256"))) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
