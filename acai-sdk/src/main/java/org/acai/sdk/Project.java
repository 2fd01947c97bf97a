package org.acai.sdk;

import org.acai.api.identity.CreateProjectResponse;
import org.acai.api.identity.CreateUserResponse;
import org.acai.sdk.auth.Credentials;

/**
 * The original SDK's {@code Project}: static calls against the configured endpoint ({@code
 * ACAI_ENDPOINT}, default {@code http://127.0.0.1:8080}).
 */
public final class Project {
  private Project() {}

  /**
   * Creates a project: the starting point of your ACAI journey.
   *
   * @see ProjectClient#createProject(String, String, String)
   */
  public static CreateProjectResponse createProject(
      String projectId, String adminToken, String projectAdmin) {
    return client().createProject(projectId, adminToken, projectAdmin);
  }

  /**
   * Creates a user and logs in with its token, like the original's default {@code login=True}.
   *
   * @see ProjectClient#createUser(String, String, String)
   */
  public static CreateUserResponse createUser(String projectId, String adminToken, String user) {
    return createUser(projectId, adminToken, user, true);
  }

  /**
   * Creates a user; with {@code login} the new token becomes this process's credential (kept as a
   * boolean for parity with the original API).
   *
   * @see ProjectClient#createUser(String, String, String)
   */
  public static CreateUserResponse createUser(
      String projectId, String adminToken, String user, boolean login) {
    CreateUserResponse created = client().createUser(projectId, adminToken, user);
    if (login) {
      Credentials.login(created.userToken(), projectId);
    }
    return created;
  }

  private static ProjectClient client() {
    return new ProjectClient(Credentials.chain().endpoint());
  }
}
