package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** acai admin quota set|show, and a put past the quota, as a user types them. */
class QuotaCommandsTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir Path dir;
  private TestProject project;
  private CliRunner cli;
  private CliRunner admin;

  @BeforeEach
  void user() {
    project = SERVER.newProject();
    cli =
        new CliRunner(SERVER.endpoint().toString(), dir.resolve("credentials"))
            .with("ACAI_TOKEN", SERVER.newUserToken(project).userToken());
    admin = cli.with("ACAI_ADMIN_TOKEN", SERVER.adminToken());
  }

  @Test
  void adminSetsAQuotaAndAPutPastItFailsWithOneLineNamingTheQuota() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "12345");
    Files.writeString(dir.resolve("b.txt"), "123456");
    assertThat(cli.run("put", dir.resolve("a.txt").toString(), "/a.txt").code()).isZero();

    CliRunner.Result set =
        admin.run("admin", "quota", "set", project.name(), "--bytes", "10", "--running-jobs", "2");
    CliRunner.Result refused = cli.run("put", dir.resolve("b.txt").toString(), "/b.txt");
    CliRunner.Result shown = admin.run("admin", "quota", "show", project.name());
    CliRunner.Result asProjectAdmin =
        cli.run("admin", "quota", "show", project.name(), "--admin-token", project.adminToken());

    assertThat(set.code()).as(set.err()).isZero();
    assertThat(set.out().strip())
        .isEqualTo(
            "Project "
                + project.name()
                + ": bytes 5 of 10, files 1 of unlimited, running jobs 0 of 2");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err().strip().lines()).hasSize(1);
    assertThat(refused.err()).contains("byte quota is 10 bytes and 5 are used");
    assertThat(shown.out()).contains("bytes 5 of 10");
    assertThat(asProjectAdmin.code()).isEqualTo(1);
    assertThat(asProjectAdmin.err()).contains("only the global admin may");
  }
}
