package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
  void demoRefusesAMissingInputFolder() {
    CliRunner cli = new CliRunner("http://127.0.0.1:1", dir.resolve("credentials"));

    CliRunner.Result result = cli.run("demo", "--input", dir.resolve("nope").toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("Invalid --input");
  }
}
