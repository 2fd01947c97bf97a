package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.acai.api.error.AlreadyExistsException;
import org.acai.api.identity.CreateUserResponse;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.ProjectClient;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server's own embedded PostgreSQL keeps everything across restarts. */
class RestartTest {
  @RegisterExtension
  static final AcaiServerExtension SERVER = new AcaiServerExtension().withEmbeddedDatabase();

  @Test
  void projectsUsersAndTokensSurviveARestart() throws Exception {
    TestProject project = SERVER.newProject();
    CreateUserResponse user = SERVER.newUserToken(project);
    String adminTokenBefore = Files.readString(SERVER.home().resolve("admin-token"));

    SERVER.restart();

    AcaiClient again = AcaiClient.connect(SERVER.endpoint(), user.userToken());
    assertThat(again.whoami().userId()).isEqualTo(user.userId());
    assertThat(Files.readString(SERVER.home().resolve("admin-token"))).isEqualTo(adminTokenBefore);
    assertThat(SERVER.server().newAdminTokenFile()).isEmpty();
    assertThat(SERVER.home().resolve("pg").resolve("PG_VERSION")).exists();
    assertThatThrownBy(
            () ->
                new ProjectClient(SERVER.endpoint())
                    .createProject(project.name(), SERVER.adminToken(), "x"))
        .isInstanceOf(AlreadyExistsException.class);
  }

  @Test
  void theEmbeddedDatabaseMakesEveryCommitDurable() {
    String settings =
        text(
            "SELECT current_setting('fsync') || ' ' ||"
                + " current_setting('synchronous_commit') || ' ' ||"
                + " current_setting('full_page_writes')");

    assertThat(settings).isEqualTo("on on on");
  }

  @Test
  void theEmbeddedDatabasePlansForPagesThatAreCheapToReadAtRandom() {
    String cost = text("SELECT current_setting('random_page_cost')");

    assertThat(cost).isEqualTo("1.1");
  }

  /** The one text value a query of the server's database answers. */
  private static String text(String sql) {
    return SERVER.withDatabase(handle -> handle.createQuery(sql).mapTo(String.class).one());
  }
}
