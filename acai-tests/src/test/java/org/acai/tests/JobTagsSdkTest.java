package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.acai.api.job.JobState;
import org.acai.api.job.JobStatus;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobClient;
import org.acai.sdk.JobSpec;
import org.acai.sdk.MetaClient;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * [ACAI_TAG] lines with and without the original agent's entity word, read back through the SDK.
 */
class JobTagsSdkTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private AcaiClient client;
  private JobClient jobs;

  @BeforeEach
  void newUser() {
    client = SERVER.newUser(SERVER.newProject());
    jobs = client.jobs();
  }

  @Test
  void jobTagsGoOnTheJobAndFileSetTagsOnTheOutputSet() {
    String command =
        "mkdir -p out && echo x > out/x.txt"
            + " && echo '[ACAI_TAG] job stage=train'"
            + " && echo '[ACAI_TAG_NUM] job epochs=3'"
            + " && echo '[ACAI_TAG_NUM] fileset accuracy=0.9'"
            + " && echo '[ACAI_TAG] model=cnn'"
            + " && echo '[ACAI_TAG] job=plain-key'";
    long id =
        jobs.submit(JobSpec.builder().name("tags").command(command).outputPath("./out/").build())
            .id();

    JobState end = jobs.waitFor(id, LIMIT);
    MetaClient meta = client.meta();
    Map<String, Object> job = meta.getMeta(MetaClient.JOB, List.of(id)).get(0);
    Map<String, Object> output =
        meta.getMeta(MetaClient.FILE_SET, List.of(end.outputFileSet())).get(0);

    assertThat(end.jobStatus()).isEqualTo(JobStatus.FINISHED);
    assertThat(job).containsEntry("stage", "train").containsEntry("epochs", 3);
    assertThat(job).doesNotContainKeys("model", "accuracy", "job");
    assertThat(output)
        .containsEntry("accuracy", 0.9)
        .containsEntry("model", "cnn")
        .containsEntry("job", "plain-key");
    assertThat(output).doesNotContainKeys("stage", "epochs");
    assertThat(meta.findJob(org.acai.sdk.Condition.of("stage").value("train")))
        .extracting(doc -> doc.get("_id"))
        .containsExactly(Long.toString(id));
  }

  @Test
  void jobTagsApplyEvenWhenTheJobWritesNoOutput() {
    long id =
        jobs.submit(
                JobSpec.builder()
                    .name("no-output")
                    .command("echo '[ACAI_TAG] job stage=eval'; exit 4")
                    .outputPath("./out/")
                    .build())
            .id();

    JobState end = jobs.waitFor(id, LIMIT);

    assertThat(end.jobStatus()).isEqualTo(JobStatus.FAILED);
    assertThat(client.meta().getMeta(MetaClient.JOB, List.of(id)).get(0))
        .containsEntry("stage", "eval");
  }
}
