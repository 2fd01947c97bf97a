package org.acai.api.identity;

/**
 * Answer of {@code POST /credential/create_user} and of token rotation.
 *
 * @param projectId the user's project
 * @param userId the user's id
 * @param userName the user's name
 * @param userToken the user's new token, shown this once
 */
public record CreateUserResponse(String projectId, long userId, String userName, String userToken) {
  @Override
  public String toString() {
    return "CreateUserResponse[projectId=" + projectId + ", userId=" + userId + "]";
  }
}
