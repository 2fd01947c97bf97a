package org.acai.api.identity;

/**
 * Body of {@code POST /credential/create_user}.
 *
 * @param projectId the project the user joins
 * @param adminToken a project-admin token of that project, or the global admin token
 * @param userName the new user's name, unique in the project
 */
public record CreateUserRequest(String projectId, String adminToken, String userName) {
  @Override
  public String toString() {
    return "CreateUserRequest[projectId=" + projectId + ", userName=" + userName + "]";
  }
}
