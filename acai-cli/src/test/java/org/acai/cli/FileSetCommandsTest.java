package org.acai.cli;

import static org.acai.cli.FileCommandsTest.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** acai fileset create, get, ls, versions and acai ls @, as a user types them. */
class FileSetCommandsTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir Path dir;
  private CliRunner cli;

  @BeforeEach
  void signInAndUpload() throws Exception {
    TestProject project = SERVER.newProject();
    cli =
        new CliRunner(SERVER.endpoint().toString(), dir.resolve("credentials"))
            .with("ACAI_TOKEN", SERVER.newUserToken(project).userToken());
    Files.createDirectories(dir.resolve("corpus/deep"));
    Files.writeString(dir.resolve("corpus/a.txt"), "a");
    Files.writeString(dir.resolve("corpus/deep/b.txt"), "bb");
    CliRunner.Result put =
        cli.run("put", dir.resolve("corpus").toString(), "/corpus/", "--fileset", "train");
    assertThat(put.out()).endsWith("file set train:1 (2 files)\n");
  }

  @Test
  void createListAndVersionFileSets() throws Exception {
    Files.writeString(dir.resolve("extra.txt"), "extra");
    cli.run("put", dir.resolve("extra.txt").toString(), "/extra.txt");

    CliRunner.Result created = cli.run("fileset", "create", "all", "@train", "/extra.txt");
    CliRunner.Result again = cli.run("fileset", "create", "train", "/corpus/a.txt:1");
    CliRunner.Result names = cli.run("fileset", "ls");
    CliRunner.Result sets = cli.run("ls", "@");
    CliRunner.Result longSets = cli.run("ls", "-l", "@");
    CliRunner.Result members = cli.run("ls", "@train:1");
    CliRunner.Result longMembers = cli.run("ls", "-l", "@all");
    CliRunner.Result versions = cli.run("fileset", "versions", "train");

    assertThat(created.out())
        .isEqualTo(
            "created all:1 (3 files)\n/corpus/a.txt:1\n/corpus/deep/b.txt:1\n/extra.txt:1\n");
    assertThat(again.out()).startsWith("created train:2 (1 files)");
    assertThat(names.out()).isEqualTo("all\ntrain\n");
    assertThat(sets.out()).isEqualTo("@all\n@train\n");
    assertThat(longSets.out()).contains("@all (3 files)").contains("@train (1 files)");
    assertThat(members.out()).isEqualTo("/corpus/a.txt:1\n/corpus/deep/b.txt:1\n");
    assertThat(longMembers.out().lines()).hasSize(3).anyMatch(line -> line.endsWith(" /extra.txt"));
    assertThat(versions.out().lines())
        .hasSize(2)
        .anyMatch(line -> line.startsWith("train:1 ") && line.contains(" 2 "))
        .anyMatch(line -> line.startsWith("train:2 "));
  }

  @Test
  void getWritesTheSetUnderTheMountPointAndRefusesToOverwrite() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("mount"));

    CliRunner.Result first = cli.run("fileset", "get", "train", "--into", mount.toString());
    Files.writeString(mount.resolve("corpus/a.txt"), "edited locally");
    CliRunner.Result refused = cli.run("fileset", "get", "train:1", "--into", mount.toString());
    String afterRefusal = Files.readString(mount.resolve("corpus/a.txt"));
    CliRunner.Result forced =
        cli.run("fileset", "get", "train", "--into", mount.toString(), "--force");

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo("downloaded train:1 into " + mount + "\n");
    assertThat(mount.resolve("corpus/deep/b.txt")).hasContent("bb");
    assertOneLineError(refused, "2 file(s) exist");
    assertThat(afterRefusal).isEqualTo("edited locally");
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(mount.resolve("corpus/a.txt")).hasContent("a");
  }

  @Test
  void unknownSetsAndMissingMountPointsAreOneLineErrors() {
    assertOneLineError(cli.run("fileset", "get", "nope", "--into", dir.toString()), "nope");
    assertOneLineError(cli.run("ls", "@nope"), "nope");
    assertOneLineError(cli.run("fileset", "versions", "nope"), "nope");
    assertOneLineError(
        cli.run("fileset", "get", "train", "--into", dir.resolve("absent").toString()),
        "is not a directory");
    assertOneLineError(cli.run("fileset", "create", "bad", "@nope"), "nope");
  }
}
