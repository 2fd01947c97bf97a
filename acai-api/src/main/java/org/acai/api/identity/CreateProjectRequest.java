package org.acai.api.identity;

/**
 * Body of {@code POST /credential/create_project}.
 *
 * @param projectId unique project name
 * @param adminToken the global admin token (the original client's field; our SDK also sends it as a
 *     bearer header)
 * @param projectAdminName name of the project's first user, its administrator
 */
public record CreateProjectRequest(String projectId, String adminToken, String projectAdminName) {
  @Override
  public String toString() {
    return "CreateProjectRequest[projectId="
        + projectId
        + ", projectAdminName="
        + projectAdminName
        + "]";
  }
}
