package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** put, get, ls, file versions and fileset commands as a user types them. */
class StorageCommandsTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();
  private static int projects;

  @TempDir Path dir;
  private CliRunner cli;

  @BeforeEach
  void configuredProject() {
    cli = new CliRunner(SERVER.endpoint().toString(), dir.resolve("credentials"));
    projects++;
    String project = "store" + projects;
    assertThat(
            cli.run(
                    "create",
                    "project",
                    project,
                    "--admin",
                    "ann",
                    "--admin-token",
                    SERVER.adminToken(),
                    "--configure")
                .code())
        .isZero();
  }

  @Test
  void putFolderThenListGetAndVersion() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data/sub"));
    Files.writeString(dir.resolve("data/a.txt"), "alpha");
    Files.writeString(data.resolve("b.txt"), "beta");

    CliRunner.Result put =
        cli.run("put", dir.resolve("data").toString(), "/ds/", "--fileset", "ds");
    cli.run("put", dir.resolve("data/a.txt").toString(), "/ds/a.txt");
    CliRunner.Result ls = cli.run("ls", "/ds");
    CliRunner.Result longLs = cli.run("ls", "-l", "/ds");
    CliRunner.Result get = cli.run("get", "/ds/a.txt:1", dir.toString());
    CliRunner.Result versions = cli.run("file", "versions", "/ds/a.txt");

    assertThat(put.code()).as(put.err()).isZero();
    assertThat(put.out())
        .contains("-> /ds/a.txt:1")
        .contains("-> /ds/sub/b.txt:1")
        .contains("file set ds:1");
    assertThat(ls.out().lines()).containsExactly("sub/", "a.txt");
    assertThat(longLs.out()).contains("v2").contains("a.txt");
    assertThat(get.code()).isZero();
    assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("alpha");
    assertThat(versions.out().lines()).hasSize(2);
  }

  @Test
  void fileSetsCreateListAndDownload() throws Exception {
    Files.writeString(dir.resolve("x.txt"), "x");
    cli.run("put", dir.resolve("x.txt").toString(), "/x/x.txt");

    CliRunner.Result created = cli.run("fileset", "create", "xs", "/x/x.txt");
    cli.run("fileset", "create", "xs", "@xs:1");
    Path into = Files.createDirectories(dir.resolve("into"));
    CliRunner.Result got = cli.run("fileset", "get", "xs", "--into", into.toString());
    CliRunner.Result again = cli.run("fileset", "get", "xs", "--into", into.toString());

    assertThat(created.out()).contains("xs:1 (1 files)");
    assertThat(cli.run("fileset", "ls").out().lines()).containsExactly("xs");
    assertThat(cli.run("ls", "@").out().lines()).containsExactly("@xs");
    assertThat(cli.run("ls", "@xs").out().lines()).containsExactly("/x/x.txt:1");
    assertThat(cli.run("fileset", "versions", "xs").out().lines()).hasSize(2);
    assertThat(got.out()).contains("xs:2");
    assertThat(Files.readString(into.resolve("x/x.txt"))).isEqualTo("x");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("exist").contains("force");
    assertThat(cli.run("fileset", "get", "xs", "--into", into.toString(), "--force").code())
        .isZero();
  }

  @Test
  void badInputIsOneLineAndExitOne() {
    CliRunner.Result missingDir = cli.run("ls", "/nope");
    CliRunner.Result badPath = cli.run("get", "/a/../b");
    CliRunner.Result missingLocal = cli.run("put", dir.resolve("absent").toString(), "/x/");
    CliRunner.Result unknownMember = cli.run("fileset", "create", "bad", "/missing.txt");

    assertThat(missingDir.code()).isEqualTo(1);
    assertThat(missingDir.err().strip()).isEqualTo("acai: No such directory: /nope");
    assertThat(badPath.err()).startsWith("acai: Invalid path");
    assertThat(missingLocal.err()).contains("Nothing to upload");
    assertThat(unknownMember.err().strip())
        .startsWith("acai: Cannot create file set bad: no such file /missing.txt")
        .doesNotContain("\n");
  }
}
