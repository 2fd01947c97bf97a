package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class IdentityCommandsTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();
  private static final Pattern TOKEN = Pattern.compile("(acai_[A-Za-z0-9_-]{43})");

  @TempDir Path dir;

  private CliRunner cli() {
    return new CliRunner(SERVER.endpoint().toString(), dir.resolve("credentials"));
  }

  private static String token(String output) {
    Matcher matcher = TOKEN.matcher(output);
    assertThat(matcher.find()).as("a token in: %s", output).isTrue();
    return matcher.group(1);
  }

  @Test
  void credentialsFileLivesUnderHomeInAPrivateFolder() throws Exception {
    TestProject project = SERVER.newProject();
    Path home = Files.createDirectories(dir.resolve("home"));
    CliRunner cli = cli().without("ACAI_CREDENTIALS_FILE").with("HOME", home.toString());

    CliRunner.Result configured =
        cli.run("configure", "--project", project.name(), "--token", project.adminToken());
    CliRunner.Result whoami = cli.run("whoami");

    Path file = home.resolve(".acai/credentials");
    assertThat(configured.code()).as(configured.err()).isZero();
    assertThat(configured.out()).contains(file.toString());
    assertThat(Files.readString(file)).contains("project_name = " + project.name());
    assertThat(Files.getPosixFilePermissions(home.resolve(".acai")))
        .containsExactlyInAnyOrder(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE);
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(whoami.code()).as(whoami.err()).isZero();
    assertThat(whoami.out()).contains("project " + project.name());
  }

  @Test
  void adminCreatesProjectAndConfiguresItsAdmin() throws Exception {
    Path adminFile = SERVER.home().resolve("admin-token");

    CliRunner.Result created =
        cli()
            .run(
                "create",
                "project",
                "cli-one",
                "--admin",
                "alice",
                "--admin-token-file",
                adminFile.toString(),
                "--configure");
    CliRunner.Result whoami = cli().run("whoami");

    assertThat(created.code()).as(created.err()).isZero();
    assertThat(whoami.out())
        .contains("user alice")
        .contains("project cli-one")
        .contains("role project_admin");
    assertThat(Files.getPosixFilePermissions(dir.resolve("credentials")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.readString(dir.resolve("credentials")))
        .contains("[default]")
        .contains("project_name = cli-one");
  }

  @Test
  void environmentTokenWinsOverCredentialsFile() {
    String adminToken = SERVER.adminToken();
    cli()
        .run(
            "create",
            "project",
            "cli-two",
            "--admin",
            "carol",
            "--admin-token",
            adminToken,
            "--configure");
    String daveToken = token(cli().run("create", "user", "dave").out());

    CliRunner.Result fromFile = cli().run("whoami");
    CliRunner.Result fromEnv = cli().with("ACAI_TOKEN", daveToken).run("whoami");

    assertThat(fromFile.out()).contains("user carol");
    assertThat(fromEnv.out()).contains("user dave");
  }

  @Test
  void userCannotCreateUsersAndSeesOneLineWithoutStackTrace() {
    cli()
        .run(
            "create",
            "project",
            "cli-three",
            "--admin",
            "erin",
            "--admin-token",
            SERVER.adminToken(),
            "--configure");
    String userToken = token(cli().run("create", "user", "frank").out());

    CliRunner.Result refused = cli().with("ACAI_TOKEN", userToken).run("create", "user", "mallory");

    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err().strip())
        .startsWith("acai: Cannot create users")
        .doesNotContain("\n")
        .doesNotContain("at org.");
  }

  @Test
  void revokedTokenNoLongerWorks() {
    cli()
        .run(
            "create",
            "project",
            "cli-four",
            "--admin",
            "gina",
            "--admin-token",
            SERVER.adminToken(),
            "--configure");

    CliRunner.Result revoked = cli().run("token", "revoke");
    CliRunner.Result after = cli().run("whoami");

    assertThat(revoked.out()).contains("Revoked 1 token");
    assertThat(after.code()).isEqualTo(1);
    assertThat(after.err()).contains("Invalid token");
  }

  @Test
  void missingCredentialsExplainWhereTheyWereLookedFor() {
    CliRunner.Result result = cli().run("whoami");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err())
        .contains("Not logged in")
        .contains("ACAI_TOKEN")
        .contains("credentials");
  }

  @Test
  void usageErrorsExitWithTwoAndHelpWithZero() {
    assertThat(cli().run("create", "project").code()).isEqualTo(2);
    assertThat(cli().run("no-such-command").code()).isEqualTo(2);
    CliRunner.Result help = cli().run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("server").contains("demo").contains("whoami");
  }

  @Test
  void aMistypedCommandIsAnsweredWithTheNearestOneAndVersionNeedsNoCommandTree() {
    CliRunner.Result typo = cli().run("whoamii");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).contains("whoamii").contains("Did you mean").contains("whoami");
    CliRunner.Result version = cli().run("--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("acai ");
    CliRunner.Result subcommandHelp = cli().run("fileset", "--help");
    assertThat(subcommandHelp.code()).isZero();
    assertThat(subcommandHelp.out()).contains("create").contains("get");
  }

  @Test
  void projectAdminListsUsers() {
    cli()
        .run(
            "create",
            "project",
            "cli-five",
            "--admin",
            "hank",
            "--admin-token",
            SERVER.adminToken(),
            "--configure");
    cli().run("create", "user", "ivy");

    CliRunner.Result users = cli().run("users");

    assertThat(users.out()).contains("hank").contains("project_admin").contains("ivy");
  }
}
