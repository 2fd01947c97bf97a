package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.acai.api.error.AlreadyExistsException;
import org.acai.api.error.ForbiddenException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchProjectException;
import org.acai.api.error.NotAuthenticatedException;
import org.acai.api.identity.CreateUserResponse;
import org.acai.api.identity.Identity;
import org.acai.api.identity.Role;
import org.acai.api.identity.UserInfo;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.ProjectClient;
import org.acai.server.auth.AdminToken;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CredentialTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @Test
  void projectAdminCreatesUserWhoKnowsWhoItIs() {
    TestProject project = SERVER.newProject();
    CreateUserResponse user = SERVER.newUserToken(project);

    Identity identity = AcaiClient.connect(SERVER.endpoint(), user.userToken()).whoami();

    assertThat(identity.userId()).isEqualTo(user.userId());
    assertThat(identity.projectId()).isEqualTo(project.name());
    assertThat(identity.role()).isEqualTo(Role.USER);
    assertThat(project.admin().whoami().role()).isEqualTo(Role.PROJECT_ADMIN);
  }

  @Test
  void duplicateProjectIsRefusedWith409() {
    TestProject project = SERVER.newProject();
    ProjectClient projects = new ProjectClient(SERVER.endpoint());

    assertThatThrownBy(() -> projects.createProject(project.name(), SERVER.adminToken(), "other"))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining(project.name());
  }

  @Test
  void wrongOrMissingAdminTokenIsRefusedWith401() {
    ProjectClient projects = new ProjectClient(SERVER.endpoint());

    assertThatThrownBy(() -> projects.createProject("nope", "acai_wrong", "admin"))
        .isInstanceOf(NotAuthenticatedException.class);
    assertThatThrownBy(() -> AcaiClient.connect(SERVER.endpoint(), "bogus").whoami())
        .isInstanceOf(NotAuthenticatedException.class);
  }

  @Test
  void userTokenCannotCreateUsersOrProjects() {
    TestProject project = SERVER.newProject();
    CreateUserResponse user = SERVER.newUserToken(project);
    ProjectClient projects = new ProjectClient(SERVER.endpoint());

    assertThatThrownBy(() -> projects.createUser(project.name(), user.userToken(), "eve"))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> projects.createProject("evil", user.userToken(), "eve"))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void projectAdminCannotCreateUsersInAnotherProject() {
    TestProject mine = SERVER.newProject();
    TestProject theirs = SERVER.newProject();

    assertThatThrownBy(
            () ->
                new ProjectClient(SERVER.endpoint())
                    .createUser(theirs.name(), mine.adminToken(), "x"))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void adminTokenCreatesUsersInAnyExistingProject() {
    TestProject project = SERVER.newProject();
    ProjectClient projects = new ProjectClient(SERVER.endpoint());

    assertThat(projects.createUser(project.name(), SERVER.adminToken(), "by-admin").userToken())
        .startsWith("acai_");
    assertThatThrownBy(() -> projects.createUser("missing-project", SERVER.adminToken(), "x"))
        .isInstanceOf(NoSuchProjectException.class);
  }

  @Test
  void revokedTokenIsRefusedWith401() {
    TestProject project = SERVER.newProject();
    AcaiClient user = SERVER.newUser(project);
    long userId = user.whoami().userId();

    assertThat(project.admin().identity().revokeTokens(userId)).isEqualTo(1);

    assertThatThrownBy(user::whoami).isInstanceOf(NotAuthenticatedException.class);
  }

  @Test
  void rotatedTokenReplacesTheOldOne() {
    TestProject project = SERVER.newProject();
    CreateUserResponse user = SERVER.newUserToken(project);
    AcaiClient old = AcaiClient.connect(SERVER.endpoint(), user.userToken());

    CreateUserResponse rotated = old.identity().rotateToken();

    assertThat(rotated.userToken()).isNotEqualTo(user.userToken());
    assertThatThrownBy(old::whoami).isInstanceOf(NotAuthenticatedException.class);
    assertThat(AcaiClient.connect(SERVER.endpoint(), rotated.userToken()).whoami().userId())
        .isEqualTo(user.userId());
  }

  @Test
  void projectAdminListsUsersButUsersMayNot() {
    TestProject project = SERVER.newProject();
    AcaiClient user = SERVER.newUser(project);

    List<UserInfo> users = project.admin().identity().listUsers();

    assertThat(users).extracting(UserInfo::role).containsExactly(Role.PROJECT_ADMIN, Role.USER);
    assertThat(users).allSatisfy(info -> assertThat(info.activeTokens()).isEqualTo(1));
    assertThatThrownBy(() -> user.identity().listUsers()).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void malformedNamesAreRefusedWith400() {
    ProjectClient projects = new ProjectClient(SERVER.endpoint());

    for (String bad : List.of("", "has space", "../up", "x".repeat(65), "a/b", "tab\tname")) {
      assertThatThrownBy(() -> projects.createProject(bad, SERVER.adminToken(), "admin"))
          .as("project name %s", bad)
          .isInstanceOf(InvalidRequestException.class);
    }
  }

  @Test
  void adminTokenFileIsPrivate() throws Exception {
    assertThat(Files.getPosixFilePermissions(SERVER.home().resolve(AdminToken.FILE_NAME)))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }
}
