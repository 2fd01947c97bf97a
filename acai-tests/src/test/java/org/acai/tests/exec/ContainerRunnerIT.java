package org.acai.tests.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.ServiceFailureException;
import org.acai.server.job.exec.CommandRunner;
import org.acai.server.job.exec.ExitOutcome;
import org.acai.server.job.exec.JobRun;
import org.acai.server.job.exec.container.ContainerEngine;
import org.acai.server.job.exec.container.ContainerRunner;
import org.acai.server.job.exec.container.ContainerSettings;
import org.acai.testkit.ContainerEngines;
import org.acai.testkit.exec.CommandRunnerContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runner contract for containers, plus what only containers do: images, digests, leftovers. */
class ContainerRunnerIT extends CommandRunnerContract {
  private static final String INSTANCE = "it" + Long.toHexString(System.nanoTime());
  private static ContainerRunner runner;

  @BeforeAll
  static void engine() {
    ContainerEngines.assume();
    runner = newRunner(null);
  }

  @AfterAll
  static void release() {
    if (runner != null) {
      runner.release();
    }
  }

  private static ContainerRunner newRunner(String defaultImage) {
    ContainerEngine engine = ContainerEngine.discover(System.getenv()).orElseThrow();
    return ContainerRunner.create(engine, new ContainerSettings("none", defaultImage, INSTANCE));
  }

  @Override
  protected CommandRunner runner() {
    return runner;
  }

  @Override
  protected String image() {
    return ContainerEngines.IMAGE;
  }

  @Override
  protected boolean enforcesMemory() {
    return true;
  }

  @AfterEach
  void noContainerOutlivesItsJob() {
    assertThat(runner.containers()).isEmpty();
  }

  @Test
  void wordCountRunsWithShInAnImageWithoutBash() throws Exception {
    Files.createDirectories(work().resolve("texts"));
    Files.writeString(work().resolve("texts/a.txt"), "to be or not to be\n");
    Files.writeString(work().resolve("texts/b.txt"), "be quick\n");
    Files.writeString(
        work().resolve("wordcount.sh"),
        "tr -s ' ' '\\n' | grep -v '^$' | sort | uniq -c | sort -k1,1nr -k2,2"
            + " | awk '{print $2, $1}' > \"$1/wordcount.txt\"\n");
    try (var paths = Files.walk(work())) {
      paths.forEach(this::chown);
    }
    Lines lines = new Lines();

    ExitOutcome outcome =
        runner
            .start(
                run("mkdir -p ./my_output/ && (cat texts/* | sh wordcount.sh ./my_output/)"), lines)
            .await();

    assertThat(outcome.isSuccess()).as("%s %s", outcome, lines.all).isTrue();
    assertThat(Files.readString(work().resolve("my_output/wordcount.txt"), StandardCharsets.UTF_8))
        .startsWith("be 3\nto 2\n");
    assertThat(lines.all)
        .anyMatch(
            line ->
                line.matches(
                    "\\[acai\\] image localhost/acai-busybox:1 digest sha256:[0-9a-f]{64}"));
  }

  @Test
  void jobSeesItsImageNotTheHost() throws Exception {
    Lines lines = new Lines();
    String command =
        "test -x /bin/busybox && test ! -e /usr/bin/java && test ! -e /bin/bash && echo image;"
            + " grep CapEff /proc/self/status; ls /";

    ExitOutcome outcome = runner.start(run(command), lines).await();

    assertThat(outcome.isSuccess()).as("%s %s", outcome, lines.all).isTrue();
    assertThat(lines.stdout).startsWith("image").contains("CapEff:\t0000000000000000");
    assertThat(Files.exists(Path.of("/usr/bin/java"))).isTrue();
  }

  @Test
  void missingImageFailsWithTheEnginesMessage() {
    JobRun run = run("true");
    JobRun missing =
        new JobRun(
            run.jobId(),
            run.workDir(),
            "true",
            "localhost:1/acai-missing:1",
            run.env(),
            0,
            0,
            0,
            null,
            run.user());

    assertThatThrownBy(() -> runner.start(missing, new Lines()))
        .isInstanceOf(ServiceFailureException.class)
        .hasMessageStartingWith("Cannot pull image localhost:1/acai-missing:1: ");
  }

  @Test
  void jobWithoutImageRunsInTheServersDefaultOrFails() throws Exception {
    JobRun run = run("echo default");
    JobRun imageless =
        new JobRun(
            run.jobId(), run.workDir(), run.command(), null, run.env(), 0, 0, 0, null, run.user());

    assertThatThrownBy(() -> runner.start(imageless, new Lines()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("names no container image");
    ContainerRunner withDefault = newRunner(ContainerEngines.IMAGE);
    Lines lines = new Lines();
    assertThat(withDefault.start(imageless, lines).await().isSuccess()).isTrue();
    assertThat(lines.stdout).containsExactly("default");
    withDefault.release();
  }

  @Test
  void containersAnEarlierServerLeftAreRemovedAtStart() throws Exception {
    Lines lines = new Lines();
    runner.start(run("sleep 600"), lines);
    for (int i = 0; i < 500 && runner.containers().isEmpty(); i++) {
      Thread.sleep(10);
    }
    List<Container> before = runner.containers();
    assertThat(before).hasSize(1);
    assertThat(before.get(0).getLabels()).containsEntry("acai.server", INSTANCE);

    ContainerRunner next = newRunner(null);

    assertThat(next.containers()).isEmpty();
    next.release();
  }

  private void chown(Path path) {
    try {
      Files.setAttribute(path, "unix:uid", user().uid(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(path, "unix:gid", user().gid(), LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
