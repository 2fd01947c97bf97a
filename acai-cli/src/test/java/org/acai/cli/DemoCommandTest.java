package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.acai.testkit.ContainerEngines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code acai demo} as typed: the whole word-count workflow on embedded defaults. */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void demoCountsTheWordsOfAGivenFolder() throws Exception {
    Path input = Files.createDirectories(dir.resolve("input"));
    Files.writeString(input.resolve("one.txt"), "Zebra zebra apple\nzebra, APPLE mango\n");
    Files.writeString(input.resolve("two.txt"), "zebra kiwi\n");
    CliRunner cli = new CliRunner("http://127.0.0.1:1", dir.resolve("credentials"));

    CliRunner.Result result =
        cli.run("demo", "--home", dir.resolve("home").toString(), "--input", input.toString());

    assertThat(result.code()).as(result.err() + result.out()).isZero();
    assertThat(result.out())
        .contains("Created file set texts:1 with 2 files")
        .contains("FINISHED; output file set job_1_output:1")
        .contains("wordcount.txt")
        .containsPattern("zebra\\s+4")
        .containsPattern("apple\\s+2")
        .contains("<-  job 1 (wordcount, FINISHED)  <-  /wordcount.zip:1 + @texts:1");
    assertThat(result.out().indexOf("zebra")).isLessThan(result.out().indexOf("apple"));
  }

  @Test
  void demoPrintsTheTopWordsOfItsOwnCorpus() throws Exception {
    CliRunner cli = new CliRunner("http://127.0.0.1:1", dir.resolve("credentials"));

    CliRunner.Result result = cli.run("demo", "--home", dir.resolve("home").toString());

    assertThat(result.code()).as(result.err() + result.out()).isZero();
    Path corpus = dir.resolve("home/demo-files/corpus");
    assertThat(result.out()).contains("Generated a corpus of 5 texts in " + corpus);
    assertThat(topWords(result.out())).isEqualTo(expectedTop10(corpus));
    assertThat(result.out())
        .contains("ls /my_output")
        .contains(
            "@job_1_output:1  <-  job 1 (wordcount, FINISHED)  <-  /wordcount.zip:1 + @texts:1");
    assertThat(result.err()).contains("job 1 FINISHED (completed)");
  }

  @Test
  void demoRunsItsJobInAContainerOfItsImageWhereAnEngineAnswers() {
    ContainerEngines.assume();
    CliRunner cli =
        new CliRunner("http://127.0.0.1:1", dir.resolve("credentials"))
            .with("ACAI_DEMO_IMAGE", ContainerEngines.IMAGE);

    CliRunner.Result result = cli.run("demo", "--home", dir.resolve("home").toString());

    assertThat(result.code()).as(result.err() + result.out()).isZero();
    assertThat(result.out())
        .containsPattern(
            "==> Jobs run in containers: (docker|podman) .* image " + ContainerEngines.IMAGE)
        .containsPattern(
            "\\[acai\\] image " + ContainerEngines.IMAGE + " digest sha256:[0-9a-f]{64}")
        .contains("FINISHED; output file set job_1_output:1");
  }

  @Test
  void demoFallsBackToTheSandboxWhenItsImageCannotBePulled() {
    ContainerEngines.assume();
    CliRunner cli =
        new CliRunner("http://127.0.0.1:1", dir.resolve("credentials"))
            .with("ACAI_DEMO_IMAGE", "localhost:1/acai-missing:1");

    CliRunner.Result result = cli.run("demo", "--home", dir.resolve("home").toString());

    assertThat(result.code()).as(result.err() + result.out()).isZero();
    assertThat(result.out())
        .contains("answers, but the demo has no image for its job (Cannot pull image")
        .containsPattern("==> (Jobs run isolated in the local sandbox|WARNING: no job isolation)")
        .contains("FINISHED; output file set job_1_output:1")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void demoWithTheLocalExecutorSaysWhichSandboxRunsItsJob() {
    CliRunner cli =
        new CliRunner("http://127.0.0.1:1", dir.resolve("credentials"))
            .with("ACAI_EXECUTOR", "local");

    CliRunner.Result result = cli.run("demo", "--home", dir.resolve("home").toString());

    assertThat(result.code()).as(result.err() + result.out()).isZero();
    assertThat(result.out())
        .containsPattern(
            "==> (Jobs run isolated in the local sandbox: bubblewrap|WARNING: no job isolation)")
        .doesNotContain("Jobs run in containers")
        .contains("FINISHED; output file set job_1_output:1");
  }

  /** The "word count" lines the demo printed after its top-10 heading. */
  private static List<String> topWords(String out) {
    List<String> lines = out.lines().toList();
    int heading = 0;
    while (!lines.get(heading).contains("top 10 words")) {
      heading++;
    }
    return lines.subList(heading + 1, heading + 11).stream()
        .map(line -> String.join(" ", line.strip().split("\\s+")))
        .toList();
  }

  /** Counts the corpus here, independently of the job's awk script. */
  private static List<String> expectedTop10(Path corpus) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    try (Stream<Path> files = Files.list(corpus)) {
      for (Path file : files.toList()) {
        for (String word : Files.readString(file).split("\\s+")) {
          String cleaned = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
          if (!cleaned.isEmpty()) {
            counts.merge(cleaned, 1, Integer::sum);
          }
        }
      }
    }
    return counts.entrySet().stream()
        .sorted(
            Comparator.comparing(Map.Entry<String, Integer>::getValue)
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(10)
        .map(entry -> entry.getKey() + " " + entry.getValue())
        .toList();
  }

  @Test
  void demoRefusesAMissingInputFolder() {
    CliRunner cli = new CliRunner("http://127.0.0.1:1", dir.resolve("credentials"));

    CliRunner.Result result = cli.run("demo", "--input", dir.resolve("nope").toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("Invalid --input");
  }
}
