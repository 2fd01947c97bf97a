package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.acai.api.identity.CreateUserResponse;
import org.acai.api.identity.Role;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.Project;
import org.acai.sdk.auth.Credentials;
import org.acai.sdk.auth.CredentialsFile;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The process-wide credentials of the original SDK's form: has_logged_in(token_dict), refresh(),
 * create_user(login=True). The build points ACAI_CREDENTIALS_FILE at a file under target/.
 */
class CredentialsFacadeTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  private CredentialsFile file;

  @BeforeEach
  void emptyCredentialsFile() throws IOException {
    Path path = Path.of(System.getenv("ACAI_CREDENTIALS_FILE"));
    Files.deleteIfExists(path);
    file = new CredentialsFile(path);
    Credentials.logout();
  }

  @AfterEach
  void forget() throws IOException {
    Credentials.logout();
    Files.deleteIfExists(file.path());
  }

  @Test
  void hasLoggedInTakesTheOriginalsMapOfCredentials() {
    assertThat(Credentials.hasLoggedIn(Map.of("ACAI_PROJECT", "p", "ACAI_TOKEN", "acai_x")))
        .isTrue();
    assertThat(Credentials.hasLoggedIn(Map.of("project_name", "p", "token", "acai_x"))).isTrue();
    assertThat(Credentials.hasLoggedIn(Map.of("ACAI_PROJECT", "p"))).isFalse();
    assertThat(Credentials.hasLoggedIn(Map.of("ACAI_TOKEN", "  "))).isFalse();
    assertThat(Credentials.hasLoggedIn(Map.of())).isFalse();
    assertThat(Credentials.hasLoggedIn(null)).isFalse();
    assertThat(Credentials.hasLoggedIn()).isFalse();
  }

  @Test
  void refreshPicksUpATokenStoredAfterTheFirstLoad() {
    TestProject project = SERVER.newProject();
    CreateUserResponse first = SERVER.newUserToken(project);
    CreateUserResponse second = SERVER.newUserToken(project);
    file.configure(project.name(), first.userToken(), SERVER.endpoint().toString());
    assertThat(AcaiClient.fromEnvironment().whoami().userId()).isEqualTo(first.userId());

    file.configure(project.name(), second.userToken(), null);
    long beforeRefresh = AcaiClient.fromEnvironment().whoami().userId();
    Credentials.refresh();

    assertThat(beforeRefresh).isEqualTo(first.userId());
    assertThat(AcaiClient.fromEnvironment().whoami().userId()).isEqualTo(second.userId());
  }

  @Test
  void createUserLogsInAsTheNewUserUnlessToldNotTo() {
    TestProject project = SERVER.newProject();
    file.configure(project.name(), project.adminToken(), SERVER.endpoint().toString());

    CreateUserResponse quiet =
        Project.createUser(project.name(), project.adminToken(), "quiet", false);
    Role stillAdmin = AcaiClient.fromEnvironment().whoami().role();
    CreateUserResponse bob = Project.createUser(project.name(), project.adminToken(), "bob");

    assertThat(quiet.userToken()).startsWith("acai_");
    assertThat(stillAdmin).isEqualTo(Role.PROJECT_ADMIN);
    assertThat(Credentials.hasLoggedIn()).isTrue();
    assertThat(Credentials.load().token()).isEqualTo(bob.userToken());
    assertThat(AcaiClient.fromEnvironment().whoami().userId()).isEqualTo(bob.userId());
    assertThat(AcaiClient.fromEnvironment().whoami().role()).isEqualTo(Role.USER);
  }
}
