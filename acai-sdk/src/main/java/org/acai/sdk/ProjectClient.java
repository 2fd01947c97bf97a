package org.acai.sdk;

import java.net.URI;
import org.acai.api.identity.CreateProjectRequest;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.api.identity.CreateUserRequest;
import org.acai.api.identity.CreateUserResponse;
import org.acai.sdk.internal.Transport;

/** Administrative calls that carry an admin token of their own instead of a user token. */
public final class ProjectClient {
  private final URI endpoint;

  /** A client for the server at {@code endpoint}. */
  public ProjectClient(URI endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * Creates a project and its administrator.
   *
   * @param projectId unique project name
   * @param adminToken the global admin token
   * @param projectAdmin the project administrator's user name
   * @return the project administrator's id and token
   * @throws org.acai.api.error.AlreadyExistsException if the project exists
   * @throws org.acai.api.error.NotAuthenticatedException if the admin token is wrong
   * @throws org.acai.api.error.ForbiddenException if the token is valid but not the admin's
   * @throws org.acai.api.error.InvalidRequestException if a name is empty or malformed
   */
  public CreateProjectResponse createProject(
      String projectId, String adminToken, String projectAdmin) {
    return new Transport(endpoint, adminToken)
        .post(
            "/credential/create_project",
            new CreateProjectRequest(projectId, null, projectAdmin),
            CreateProjectResponse.class);
  }

  /**
   * Creates a user in a project.
   *
   * @param adminToken the project admin's token, or the global admin token
   * @throws org.acai.api.error.AlreadyExistsException if the user exists in the project
   * @throws org.acai.api.error.ForbiddenException unless the token administers the project
   * @throws org.acai.api.error.NoSuchProjectException if the project does not exist
   */
  public CreateUserResponse createUser(String projectId, String adminToken, String user) {
    return new Transport(endpoint, adminToken)
        .post(
            "/credential/create_user",
            new CreateUserRequest(projectId, null, user),
            CreateUserResponse.class);
  }
}
