package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acai.api.job.JobStatus;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobSpec;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Per-project usage and GC figures in {@code /metrics}, against a real server. */
class UsageMetricsTest {
  @RegisterExtension
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension().withEnv(() -> GcContract.GC_NOW);

  @TempDir Path dir;

  @Test
  void metricsShowEachProjectsLogicalAndDedupedBytesFilesAndJobsAndAreCachedBetweenScrapes()
      throws Exception {
    TestProject project = SERVER.newProject();
    TestProject other = SERVER.newProject();
    AcaiClient user = SERVER.newUser(project);
    String content = "twice the same " + System.nanoTime();
    Path local = Files.writeString(dir.resolve("a.txt"), content);
    user.files().upload(Map.of(local.toString(), "/m/a.txt"));
    user.files().upload(Map.of(local.toString(), "/m/b.txt"));
    long job =
        user.jobs()
            .submit(JobSpec.builder().name("ok").command("true").outputPath("o").build())
            .id();
    assertThat(user.jobs().waitFor(job, Duration.ofSeconds(60)).jobStatus())
        .isEqualTo(JobStatus.FINISHED);
    SERVER.newUser(other).files().upload(Map.of(local.toString(), "/other.txt"));
    AcaiClient.connect(SERVER.endpoint(), SERVER.adminToken()).admin().gc();

    String metrics = scrape();

    long size = content.length();
    assertThat(value(metrics, "acai_project_logical_bytes", project.name())).isEqualTo(2 * size);
    assertThat(value(metrics, "acai_project_physical_bytes", project.name())).isEqualTo(size);
    assertThat(value(metrics, "acai_project_files", project.name())).isEqualTo(2);
    assertThat(value(metrics, "acai_project_files", other.name())).isEqualTo(1);
    assertThat(metrics)
        .containsPattern(
            "acai_project_jobs\\{project=\"" + project.name() + "\",state=\"FINISHED\",?\\} 1.0");
    assertThat(metrics).contains("acai_gc_last_freed_bytes").contains("acai_gc_candidates");

    user.files().upload(Map.of(local.toString(), "/m/c.txt"));
    assertThat(value(scrape(), "acai_project_files", project.name()))
        .as("served from the cache for a few seconds")
        .isEqualTo(2);
  }

  private static String scrape() {
    Http.Answer answer =
        Http.send(
            HttpRequest.newBuilder(SERVER.endpoint().resolve("/metrics"))
                .header("Authorization", "Bearer " + SERVER.adminToken())
                .GET()
                .build());
    assertThat(answer.status()).isEqualTo(200);
    return answer.text();
  }

  private static long value(String metrics, String name, String project) {
    Matcher matcher =
        Pattern.compile(
                "(?m)^" + name + "\\{project=\"" + Pattern.quote(project) + "\",?\\} ([0-9.E+]+)$")
            .matcher(metrics);
    assertThat(matcher.find()).as("%s for %s in%n%s", name, project, metrics).isTrue();
    return (long) Double.parseDouble(matcher.group(1));
  }
}
