package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** tag, untag and find under file and fileset, as typed. */
class MetaCommandsTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir Path dir;

  @Test
  void tagThenFindFilesAndSets() throws Exception {
    CliRunner cli = new CliRunner(SERVER.endpoint().toString(), dir.resolve("credentials"));
    cli.run(
        "create",
        "project",
        "metacli",
        "--admin",
        "mo",
        "--admin-token",
        SERVER.adminToken(),
        "--configure");
    Files.writeString(dir.resolve("a.txt"), "a");
    Files.writeString(dir.resolve("b.txt"), "bb");
    cli.run(
        "put",
        dir.resolve("a.txt").toString(),
        dir.resolve("b.txt").toString(),
        "/d/",
        "--fileset",
        "ds");

    CliRunner.Result tagged =
        cli.run("file", "tag", "/d/a.txt", "-t", "raw", "-k", "score=0.7", "-k", "owner=mo");
    cli.run("file", "tag", "/d/b.txt", "-k", "score=0.9", "-k", "ok=true");
    cli.run("fileset", "tag", "ds", "-k", "split=train");

    assertThat(tagged.code()).as(tagged.err()).isZero();
    assertThat(tagged.out()).contains("\"score\":0.7").contains("\"tags\":[\"raw\"]");
    assertThat(cli.run("file", "find", "--max", "score").out().lines())
        .containsExactly("/d/b.txt:1");
    assertThat(cli.run("file", "find", "-n", "score=0.7").out().lines())
        .containsExactly("/d/a.txt:1");
    assertThat(cli.run("file", "find", "-v", "ok=true").out().lines())
        .containsExactly("/d/b.txt:1");
    assertThat(cli.run("file", "find", "-r", "owner=^m").out().lines())
        .containsExactly("/d/a.txt:1");
    assertThat(cli.run("file", "find", "--range", "__size__=1..2").out().lines())
        .containsExactly("/d/b.txt:1");
    findsSortedAndInPages(cli);
    assertThat(cli.run("fileset", "find", "-v", "split=train").out().lines())
        .containsExactly("ds:1");
    assertThat(cli.run("file", "untag", "/d/a.txt", "-t", "raw").out()).contains("\"tags\":[]");
    CliRunner.Result job =
        cli.run("job", "run", "--name", "meta", "--output", "./out/", "--wait", "--", "true");
    assertThat(job.code()).as(job.err()).isZero();
    assertThat(cli.run("job", "tag", "1", "-k", "lr=0.01").code()).isZero();
    assertThat(cli.run("job", "find", "-n", "lr=0.01").out().lines()).containsExactly("1");
    assertThat(cli.run("job", "find", "-v", "__status__=FINISHED").out().lines())
        .containsExactly("1");
    CliRunner.Result bad = cli.run("file", "find", "--range", "score=x..1");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).startsWith("acai: Invalid --range");
  }

  private static void findsSortedAndInPages(CliRunner cli) {
    assertThat(cli.run("file", "find", "--exists", "score", "--sort", "-score").out().lines())
        .containsExactly("/d/b.txt:1", "/d/a.txt:1");
    CliRunner.Result first = cli.run("file", "find", "--sort", "score", "--limit", "1");
    assertThat(first.out().lines()).containsExactly("/d/a.txt:1");
    String cursor = first.err().strip().replace("More results: add --after ", "");
    CliRunner.Result second =
        cli.run("file", "find", "--sort", "score", "--limit", "1", "--after", cursor);
    assertThat(second.out().lines()).containsExactly("/d/b.txt:1");
    assertThat(second.err()).isEmpty();
  }
}
