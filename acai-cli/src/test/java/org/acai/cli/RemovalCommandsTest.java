package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.acai.api.identity.CreateUserResponse;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** acai delete user|project as a user types them. */
class RemovalCommandsTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir Path dir;

  @Test
  void projectAdminDeletesAUserWhoseTokenThenFailsAndAdminDeletesTheProject() {
    TestProject project = SERVER.newProject();
    CreateUserResponse bob = SERVER.newUserToken(project);
    CliRunner alice =
        new CliRunner(SERVER.endpoint().toString(), dir.resolve("credentials"))
            .with("ACAI_TOKEN", project.adminToken());
    CliRunner asBob = alice.with("ACAI_TOKEN", bob.userToken());
    CliRunner admin = alice.with("ACAI_ADMIN_TOKEN", SERVER.adminToken());

    CliRunner.Result deleted = alice.run("delete", "user", Long.toString(bob.userId()));
    CliRunner.Result bobAfter = asBob.run("whoami");
    CliRunner.Result unconfirmed = admin.run("delete", "project", project.name());
    CliRunner.Result removed = admin.run("delete", "project", project.name(), "--yes");
    CliRunner.Result aliceAfter = alice.run("whoami");

    assertThat(deleted.code()).as(deleted.err()).isZero();
    assertThat(deleted.out().strip())
        .isEqualTo("Deleted user " + bob.userId() + "; 1 token(s) revoked");
    assertThat(bobAfter.code()).isEqualTo(1);
    assertThat(bobAfter.err()).contains("Invalid token");
    assertThat(unconfirmed.code()).isEqualTo(1);
    assertThat(unconfirmed.err()).contains("add --yes");
    assertThat(removed.code()).as(removed.err()).isZero();
    assertThat(removed.out())
        .contains("Deleted project " + project.name() + ": 1 token(s) revoked, 0 file version(s)");
    assertThat(aliceAfter.code()).isEqualTo(1);
  }
}
