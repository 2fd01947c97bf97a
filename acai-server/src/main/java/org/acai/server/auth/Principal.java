package org.acai.server.auth;

import org.acai.api.identity.Role;

/**
 * Who made a request, resolved from its token.
 *
 * @param userId the user's id; 0 for the global admin
 * @param userName the user's name
 * @param projectKey internal numeric id of the user's project; 0 for the global admin
 * @param projectId the project's name; null for the global admin
 * @param role what the token may do
 * @param jobId the job a job token acts for; null otherwise
 */
public record Principal(
    long userId, String userName, long projectKey, String projectId, Role role, Long jobId) {

  static final Principal ADMIN = new Principal(0, "admin", 0, null, Role.ADMIN, null);

  /** Whether this is the global admin. */
  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  /** Whether this principal administers {@code project} (the global admin administers all). */
  public boolean administers(long project) {
    return isAdmin() || (role == Role.PROJECT_ADMIN && projectKey == project);
  }
}
