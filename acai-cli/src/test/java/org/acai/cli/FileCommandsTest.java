package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** acai put, get, ls and file versions, as a user types them. */
class FileCommandsTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir Path dir;
  private CliRunner cli;

  @BeforeEach
  void signIn() {
    TestProject project = SERVER.newProject();
    String token = SERVER.newUserToken(project).userToken();
    cli =
        new CliRunner(SERVER.endpoint().toString(), dir.resolve("credentials"))
            .with("ACAI_TOKEN", token);
  }

  @Test
  void putDirectoryThenListAndGetItsFiles() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data/sub"));
    Files.writeString(dir.resolve("data/a.txt"), "alpha");
    Files.writeString(data.resolve("b.txt"), "beta!");
    Path out = Files.createDirectories(dir.resolve("out"));

    CliRunner.Result put = cli.run("put", dir.resolve("data").toString(), "/data/");
    CliRunner.Result ls = cli.run("ls", "/data");
    CliRunner.Result longLs = cli.run("ls", "-l", "data/");
    CliRunner.Result root = cli.run("ls");
    CliRunner.Result get = cli.run("get", "/data/sub/b.txt", out.toString());

    assertThat(put.code()).as(put.err()).isZero();
    assertThat(put.out())
        .contains(dir.resolve("data/a.txt") + " -> /data/a.txt:1")
        .contains(dir.resolve("data/sub/b.txt") + " -> /data/sub/b.txt:1");
    // Page order: subdirectories first, then files, each by name.
    assertThat(ls.out()).isEqualTo("sub/\na.txt\n");
    assertThat(longLs.out().lines()).hasSize(2);
    assertThat(longLs.out().lines().skip(1).findFirst().orElseThrow())
        .matches("v1 +5 +\\d+ +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ +a\\.txt");
    assertThat(longLs.out().lines().findFirst().orElseThrow()).matches("- +- +- +- +sub/");
    assertThat(root.out()).isEqualTo("data/\n");
    assertThat(get.code()).as(get.err()).isZero();
    assertThat(get.out()).isEqualTo("/data/sub/b.txt:1 -> " + out.resolve("b.txt") + "\n");
    assertThat(out.resolve("b.txt")).hasContent("beta!");
  }

  @Test
  void lsOfADirectoryLargerThanAPagePrintsEveryEntryOnceInOrder() throws Exception {
    Path data = Files.createDirectories(dir.resolve("wide"));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 1_205; i++) {
      String name = String.format("f%04d.txt", i);
      Files.writeString(data.resolve(name), "n" + i);
      expected.add(name);
    }

    CliRunner.Result put = cli.run("put", data.toString(), "/wide/");
    CliRunner.Result ls = cli.run("ls", "/wide");

    assertThat(put.code()).as(put.err()).isZero();
    assertThat(ls.code()).as(ls.err()).isZero();
    assertThat(ls.out().lines().toList()).containsExactlyElementsOf(expected);
  }

  @Test
  void secondPutMakesVersion2AndOldVersionsStayReadable() throws Exception {
    Path one = Files.writeString(dir.resolve("one.txt"), "first");
    Path two = Files.writeString(dir.resolve("two.txt"), "second");

    cli.run("put", one.toString(), "/notes.txt");
    CliRunner.Result again = cli.run("put", two.toString(), "/notes.txt");
    CliRunner.Result versions = cli.run("file", "versions", "/notes.txt");
    CliRunner.Result old = cli.run("get", "/notes.txt:1", dir.resolve("old.txt").toString());

    assertThat(again.out()).isEqualTo(two + " -> /notes.txt:2\n");
    assertThat(versions.out().lines()).hasSize(2);
    assertThat(versions.out()).contains("/notes.txt:1").contains("/notes.txt:2");
    assertThat(old.code()).as(old.err()).isZero();
    assertThat(dir.resolve("old.txt")).hasContent("first");
  }

  @Test
  void getTakesSeveralFilesAndWholeDirectoriesAndOverwritesOnlyWithForce() throws Exception {
    Files.createDirectories(dir.resolve("data/sub"));
    Files.writeString(dir.resolve("data/a.txt"), "alpha");
    Files.writeString(dir.resolve("data/sub/b.txt"), "beta!");
    Files.writeString(dir.resolve("c.txt"), "gamma");
    cli.run("put", dir.resolve("data").toString(), "/data/");
    cli.run("put", dir.resolve("c.txt").toString(), "/c.txt");
    Path out = Files.createDirectories(dir.resolve("out"));

    CliRunner.Result tree = cli.run("get", "/data/", out.toString());
    CliRunner.Result several = cli.run("get", "/c.txt:1", "/data/a.txt", out.toString());
    Files.writeString(out.resolve("c.txt"), "local edit");
    CliRunner.Result refused = cli.run("get", "/c.txt", "/data/", out.toString());
    String afterRefusal = Files.readString(out.resolve("c.txt"));
    CliRunner.Result forced = cli.run("get", "--force", "/c.txt", out.toString());

    assertThat(tree.code()).as(tree.err()).isZero();
    assertThat(tree.out())
        .isEqualTo(
            "/data/a.txt:1 -> "
                + out.resolve("data/a.txt")
                + "\n/data/sub/b.txt:1 -> "
                + out.resolve("data/sub/b.txt")
                + "\n");
    assertThat(out.resolve("data/sub/b.txt")).hasContent("beta!");
    assertThat(several.code()).as(several.err()).isZero();
    assertThat(out.resolve("c.txt")).hasContent("gamma");
    assertThat(out.resolve("a.txt")).hasContent("alpha");
    assertOneLineError(refused, "3 file(s) exist");
    assertThat(refused.err()).contains("force");
    assertThat(afterRefusal).isEqualTo("local edit");
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(out.resolve("c.txt")).hasContent("gamma");
    assertOneLineError(
        cli.run("get", "/data/", dir.resolve("c.txt").toString()), "is not a directory");
    assertOneLineError(
        cli.run("get", "/c.txt", "/data/a.txt", dir.resolve("new").toString()),
        "is not a directory");
    Path clash = Files.createDirectories(dir.resolve("clash/a.txt"));
    assertOneLineError(
        cli.run("get", "--force", "/data/a.txt", clash.getParent().toString()), "is a directory");
    assertThat(clash).isEmptyDirectory();
  }

  @Test
  void badInputIsOneLineOnStandardErrorWithExitCode1() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("folder"));
    Files.writeString(folder.resolve("x.txt"), "x");

    assertOneLineError(
        cli.run("get", "/missing.txt", dir.toString()), "No such file: /missing.txt");
    assertOneLineError(
        cli.run("put", dir.resolve("nope").toString(), "/x/"), "no such file or directory");
    assertOneLineError(cli.run("put", folder.toString(), "/x"), "Invalid remote path: /x");
    assertOneLineError(cli.run("ls", "/not/there"), "No such directory");
    assertOneLineError(cli.run("file", "versions", "bad//path"), "Invalid path");
    assertThat(dir.resolve("missing.txt")).doesNotExist();
  }

  static void assertOneLineError(CliRunner.Result result, String message) {
    assertThat(result.code()).as(result.err()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).startsWith("acai: ").contains(message);
  }
}
