package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobStatus;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.Condition;
import org.acai.sdk.JobSpec;
import org.acai.sdk.MetaClient;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.ContainerEngines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs through a real server whose executor is the container engine ({@code
 * ACAI_EXECUTOR=container}), in the busybox test image: the attacks of {@link JobAttackContract},
 * then a word count over an input file set, a failure, an out-of-memory kill and a timeout, each
 * with the status a user sees and the image's digest recorded with the job. Skips (with a SKIP
 * line) where no engine answers.
 */
@EnabledIf("org.acai.testkit.ContainerEngines#available")
class ContainerExecutorTest extends JobAttackContract {
  @RegisterExtension
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension()
          .withEnv("ACAI_EXECUTOR", "container")
          .withEnv("ACAI_JOB_IMAGE", ContainerEngines.IMAGE)
          .withEnv("ACAI_JOB_NETWORK", "none");

  @Override
  AcaiServerExtension server() {
    return SERVER;
  }

  @Override
  void assumeIsolated() {
    // A container isolates wherever the engine runs it.
  }

  @Test
  void wordCountRunsInTheImageAndRecordsItsDigest(@TempDir Path local) throws IOException {
    String token = SERVER.newUserToken(SERVER.newProject()).userToken();
    client = AcaiClient.connect(SERVER.endpoint(), token);
    Wire wire = new Wire(SERVER.endpoint(), token);
    wire.uploadFileSet(
        "texts",
        List.of("/texts/a.txt", "/texts/b.txt"),
        List.of("to be or not to be\n".getBytes(UTF_8), "be quick\n".getBytes(UTF_8)));
    // busybox's own sh and tools: a host's bash or coreutils would not be there.
    String command =
        "mkdir -p out && cat texts/* | tr -s ' ' '\\n' | sort | uniq -c"
            + " | awk '{print $2, $1}' > out/wordcount.txt; readlink /bin/sh";

    JobInfo job =
        finish(
            JobSpec.builder()
                .name("wordcount")
                .command(command)
                .inputFileSet("texts")
                .outputPath("./out/")
                .containerImage(ContainerEngines.IMAGE));

    String log = client.jobs().log(job.id());
    assertThat(job.jobStatus()).as(log).isEqualTo(JobStatus.FINISHED);
    assertThat(log.lines()).contains("/bin/busybox");
    assertThat(log).containsPattern("\\[acai\\] image localhost/acai-busybox:1 digest sha256:");
    String counts = client.fileSets().listFileSetContent(job.outputFileSet()).files().get(0);
    client.files().download(Map.of(counts, local.resolve("counts").toString()));
    assertThat(Files.readString(local.resolve("counts")))
        .isEqualTo("be 3\nnot 1\nor 1\nquick 1\nto 2\n");
    Map<String, Object> meta = client.meta().getMeta(MetaClient.JOB, List.of(job.id())).get(0);
    assertThat(meta.get("__image__")).isEqualTo(ContainerEngines.IMAGE);
    assertThat((String) meta.get("__image_digest__")).matches("sha256:[0-9a-f]{64}");
    assertThat(log).contains("digest " + meta.get("__image_digest__"));
    assertThat(
            client
                .meta()
                .findJob(Condition.of("__image_digest__").value(meta.get("__image_digest__"))))
        .extracting(found -> found.get("_id"))
        .containsExactly(Long.toString(job.id()));
  }

  @Test
  void failureOutOfMemoryAndTimeoutEndWithTheirStatus() {
    JobInfo failed = finish(JobSpec.builder().name("fails").command("echo oops >&2; exit 3"));
    JobInfo hog =
        finish(
            JobSpec.builder()
                .name("hog")
                .command("head -c 200000000 /dev/zero | tail > /dev/null")
                .resources(null, null, "32Mi"));
    JobInfo slow =
        finish(JobSpec.builder().name("slow").command("sleep 30").timeout(Duration.ofSeconds(2)));

    assertThat(failed.jobStatus()).isEqualTo(JobStatus.FAILED);
    assertThat(failed.exitCode()).isEqualTo(3);
    assertThat(client.jobs().log(failed.id())).contains("oops");
    assertThat(hog.jobStatus())
        .as(client.jobs().log(hog.id()))
        .isEqualTo(JobStatus.CONTAINER_CRASHED);
    assertThat(client.jobs().log(hog.id()))
        .contains("[acai] memory limit 32 MiB, swap included, enforced by the container engine");
    assertThat(slow.jobStatus()).isEqualTo(JobStatus.KILLED);
    assertThat(slow.reason()).contains("timeout after 2s");
  }

  private JobInfo finish(JobSpec.Builder spec) {
    JobInfo job = client.jobs().submit(spec.outputPath("out").build());
    client.jobs().waitFor(job.id(), LIMIT);
    return client.jobs().find(job.id());
  }
}
