package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.acai.api.error.ConflictException;
import org.acai.api.error.ForbiddenException;
import org.acai.api.error.NoSuchFileSetException;
import org.acai.api.error.NoSuchJobException;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobStatus;
import org.acai.api.lifecycle.DeleteJobRequest;
import org.acai.api.lifecycle.DeleteResult;
import org.acai.api.lifecycle.FsckReport;
import org.acai.api.lifecycle.Usage;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobSpec;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Job deletes, usage and fsck through the SDK, against a real server. */
class JobTrashTest {
  @RegisterExtension
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension()
          .withEnv("ACAI_RETENTION", "0")
          .withEnv("ACAI_GC_GRACE", "0")
          .withEnv("ACAI_GC_INTERVAL", "0");

  private static final Duration LIMIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private TestProject project;
  private AcaiClient user;

  @BeforeEach
  void newProject() {
    project = SERVER.newProject();
    user = SERVER.newUser(project);
  }

  @Test
  void endedJobGoesToTheTrashWithItsOutputOnlyWhenAskedAndComesBack() {
    JobInfo job = finishedJobWithOutput("out1");
    long running =
        user.jobs()
            .submit(JobSpec.builder().name("long").command("sleep 30").outputPath("o").build())
            .id();

    assertThatThrownBy(() -> user.trash().deleteJob(running))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("kill it first");
    assertThatThrownBy(() -> SERVER.newUser(project).trash().deleteJob(job.id()))
        .isInstanceOf(ForbiddenException.class);
    DeleteResult deleted = user.trash().deleteJob(job.id());

    assertThatThrownBy(() -> user.jobs().find(job.id())).isInstanceOf(NoSuchJobException.class);
    assertThat(user.jobs().list()).extracting(JobInfo::id).doesNotContain(job.id());
    assertThat(user.fileSets().resolveVagueName("out1")).isEqualTo("out1:1");
    user.trash().restore(deleted.trashId());
    assertThat(user.jobs().log(job.id())).contains("made");
    user.jobs().kill(running);
  }

  @Test
  void withOutputTheOutputSetGoesTooAndGcPurgesTheJobForGood() {
    JobInfo job = finishedJobWithOutput("out2");

    DeleteResult deleted = user.trash().deleteJob(new DeleteJobRequest(job.id(), true, false));
    AcaiClient.connect(SERVER.endpoint(), SERVER.adminToken()).admin().gc();

    assertThat(deleted.target()).isEqualTo("job " + job.id() + " and out2:1");
    assertThatThrownBy(() -> user.fileSets().resolveVagueName("out2"))
        .isInstanceOf(NoSuchFileSetException.class);
    assertThat(user.trash().list()).isEmpty();
    long logLines =
        SERVER.<Long>withDatabase(
            handle ->
                handle
                    .createQuery("SELECT count(*) FROM job_logs WHERE job_id = :id")
                    .bind("id", job.id())
                    .mapTo(Long.class)
                    .one());
    assertThat(logLines).isZero();
  }

  @Test
  void usageCountsVisibleTrashedAndDeduplicatedBytesAndFsckIsClean() throws Exception {
    upload("/u/a.txt", "12345");
    upload("/u/b.txt", "12345");
    upload("/u/c.txt", "123");
    user.trash().deleteFile("/u/c.txt");

    Usage usage = user.files().usage();
    FsckReport fsck =
        AcaiClient.connect(SERVER.endpoint(), SERVER.adminToken()).admin().fsckWithHashes();

    assertThat(usage.versions()).isEqualTo(2);
    assertThat(usage.paths()).isEqualTo(2);
    assertThat(usage.logicalBytes()).isEqualTo(10);
    assertThat(usage.physicalBytes()).isEqualTo(8);
    assertThat(usage.trashedVersions()).isEqualTo(1);
    assertThat(usage.trashedBytes()).isEqualTo(3);
    assertThat(fsck.isClean()).as(fsck.problems().toString()).isTrue();
    assertThat(fsck.checkedBlobs()).isGreaterThanOrEqualTo(2);
  }

  private JobInfo finishedJobWithOutput(String outputSet) {
    JobInfo job =
        user.jobs()
            .submit(
                JobSpec.builder()
                    .name("maker")
                    .command("mkdir -p o && echo made | tee o/r.txt")
                    .outputPath("o")
                    .outputFileSet(outputSet)
                    .build());
    assertThat(user.jobs().waitFor(job.id(), LIMIT).jobStatus()).isEqualTo(JobStatus.FINISHED);
    return job;
  }

  private void upload(String remote, String content) throws Exception {
    Path local = Files.createTempFile(dir, "up", ".txt");
    Files.writeString(local, content);
    user.files().upload(Map.of(local.toString(), remote));
  }
}
