package org.acai.api.identity;

/**
 * Answer of {@code POST /credential/create_project}.
 *
 * @param projectId the new project's name
 * @param projectAdminName the project administrator's name
 * @param projectAdminId the project administrator's user id
 * @param projectAdminToken the project administrator's token, shown this once
 * @param adminToken the same token under the name the original documentation used
 */
public record CreateProjectResponse(
    String projectId,
    String projectAdminName,
    long projectAdminId,
    String projectAdminToken,
    String adminToken) {
  @Override
  public String toString() {
    return "CreateProjectResponse[projectId="
        + projectId
        + ", projectAdminId="
        + projectAdminId
        + "]";
  }
}
