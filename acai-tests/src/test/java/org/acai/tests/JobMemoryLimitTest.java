package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobStatus;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobSpec;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job's memory limit on a server without cgroups ({@code ACAI_CGROUP=none}, as on hosts where
 * they are not writable): the job log says which limit applies, a program that reserves far more
 * address space than it uses (a JVM) runs within its limit, and one that holds more than its limit
 * ends CONTAINER_CRASHED.
 */
class JobMemoryLimitTest {
  @RegisterExtension
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension().withEnv("ACAI_CGROUP", "none");

  private static final Duration LIMIT = Duration.ofSeconds(60);
  private AcaiClient client;

  @BeforeEach
  void newUser() {
    client = SERVER.newUser(SERVER.newProject());
  }

  @Test
  void aJvmRunsWithinA256MiBLimitAndTheLogSaysWhichLimitApplies() {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Assumptions.assumeTrue(
        java.startsWith("/usr/") || java.startsWith("/opt/"),
        "SKIP: this JVM lives outside what sandboxed jobs see (/usr, /opt): " + java);

    JobInfo job = run(java + " -XX:+UseSerialGC -Xmx32m -version", "256Mi");

    String log = client.jobs().log(job.id());
    assertThat(job.jobStatus()).as(log).isEqualTo(JobStatus.FINISHED);
    assertThat(log.lines().findFirst().orElseThrow())
        .isEqualTo(
            "[acai] memory limit 256 MiB of resident memory, measured by the server every 200 ms"
                + " (no memory cgroup here): a job above it is ended as out of memory");
    assertThat(log).contains("version");
  }

  @Test
  void aJobHoldingMoreThanItsLimitEndsContainerCrashed() {
    JobInfo job = run("x=$(head -c 100000000 /dev/zero | tr '\\0' a); sleep 1; echo ${#x}", "64Mi");

    String log = client.jobs().log(job.id());
    assertThat(job.jobStatus()).as(log).isEqualTo(JobStatus.CONTAINER_CRASHED);
    assertThat(job.reason()).matches("out of memory \\([\\d.]+ MiB resident, limit 64 MiB\\)");
    assertThat(log).doesNotContain("100000000");
  }

  private JobInfo run(String command, String memory) {
    JobInfo job =
        client
            .jobs()
            .submit(
                JobSpec.builder()
                    .name("memory")
                    .command(command)
                    .outputPath("out")
                    .resources(null, null, memory)
                    .build());
    client.jobs().waitFor(job.id(), LIMIT);
    return client.jobs().find(job.id());
  }
}
