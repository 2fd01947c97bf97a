package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.acai.api.job.JobStatus;
import org.acai.api.json.WireJson;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.Job;
import org.acai.sdk.MetaClient;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Job metadata through the SDK: del_job_meta and print(job). */
class JobMetaSdkTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private AcaiClient client;

  @BeforeEach
  void newUser() {
    client = SERVER.newUser(SERVER.newProject());
  }

  @Test
  void delJobMetaRemovesTheGivenTagsAndKeysAndKeepsTheRest() {
    Job job =
        new Job(client)
            .withAttributes(Map.of("name", "tagged", "command", "true", "output_path", "./out/"))
            .run();
    MetaClient meta = client.meta();
    meta.updateJobMeta(job.id(), List.of("keep", "drop"), Map.of("stage", "train", "lr", 0.1));

    Map<String, Object> answered = meta.delJobMeta(job.id(), List.of("drop"), List.of("lr"));
    Map<String, Object> stored = meta.getMeta(MetaClient.JOB, List.of(job.id())).get(0);

    assertThat(answered).doesNotContainKey("lr").containsEntry("stage", "train");
    assertThat(answered.get("tags")).isEqualTo(List.of("keep"));
    assertThat(stored).doesNotContainKey("lr").containsEntry("stage", "train");
    assertThat(stored.get("tags")).isEqualTo(List.of("keep"));
    assertThat(meta.findJob(org.acai.sdk.Condition.of("lr").exists())).isEmpty();
  }

  @Test
  void printingAJobShowsItsAttributesAsIndentedJson() throws Exception {
    Job job =
        new Job(client)
            .withAttributes(
                Map.of(
                    "name",
                    "printed",
                    "command",
                    "true",
                    "memory",
                    "64Mi",
                    "output_path",
                    "./out/"))
            .run();
    job.waitFor(LIMIT);

    String printed = job.toString();
    Map<String, Object> parsed =
        WireJson.mapper().readValue(printed, new TypeReference<Map<String, Object>>() {});

    assertThat(printed).startsWith("{\n").contains("\n  \"name\" : \"printed\"");
    assertThat(parsed)
        .containsEntry("name", "printed")
        .containsEntry("command", "true")
        .containsEntry("memory", "64Mi")
        .containsEntry("job_status", "FINISHED");
    assertThat(((Number) parsed.get("id")).longValue()).isEqualTo(job.id());
    assertThat(job.jobStatus()).isEqualTo(JobStatus.FINISHED);
  }
}
