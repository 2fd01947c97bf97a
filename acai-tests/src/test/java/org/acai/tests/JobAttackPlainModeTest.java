package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.acai.api.job.JobInfo;
import org.acai.api.job.JobStatus;
import org.acai.sdk.AcaiClient;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where jobs are not isolated: a server that finds no isolation refuses jobs and says how to fix
 * it; one whose operator chose {@code ACAI_SANDBOX=none} still never reads an output through a
 * link, hard links included (the job runs as the server's uid there, so a hard link could name any
 * of the server's files).
 */
class JobAttackPlainModeTest {
  @RegisterExtension
  static final AcaiServerExtension WITHOUT_ISOLATION =
      new AcaiServerExtension()
          .withEnv("ACAI_SANDBOX", "auto")
          .withEnv("ACAI_EXECUTOR", "local")
          .withEnv("ACAI_BWRAP", "/nonexistent/bwrap");

  @RegisterExtension
  static final AcaiServerExtension OPTED_OUT =
      new AcaiServerExtension().withEnv("ACAI_SANDBOX", "none").withEnv("ACAI_EXECUTOR", "local");

  @Test
  void serverWithoutIsolationRefusesJobsSayingHowToFixIt() {
    AcaiClient client = WITHOUT_ISOLATION.newUser(WITHOUT_ISOLATION.newProject());

    JobInfo job = JobAttackContract.run(client, "echo ran > proof");

    assertThat(job.jobStatus()).isEqualTo(JobStatus.FAILED);
    assertThat(job.reason())
        .startsWith("Cannot run job: no job isolation works on this server")
        .contains("bubblewrap is not installed at /nonexistent/bwrap")
        .contains("apt-get install bubblewrap", "container engine", "ACAI_SANDBOX=none");
    assertThat(client.jobs().log(job.id())).doesNotContain("ran");
  }

  @Test
  void hardLinkToTheAdminTokenIsSkippedWhenJobsRunAsTheServersUid() {
    AcaiClient client = OPTED_OUT.newUser(OPTED_OUT.newProject());
    String command =
        "mkdir -p out && ln "
            + OPTED_OUT.home().resolve("admin-token")
            + " out/a"
            + " && echo linked; echo mine > out/real.txt";

    JobInfo job = JobAttackContract.run(client, command);

    assertThat(job.jobStatus()).isEqualTo(JobStatus.FINISHED);
    assertThat(client.jobs().log(job.id()))
        .contains("linked", "[acai] output: ./out/a is a hard link; skipped");
    assertThat(client.fileSets().listFileSetContent(job.outputFileSet()).files())
        .containsExactly("/out/real.txt:1");
  }
}
