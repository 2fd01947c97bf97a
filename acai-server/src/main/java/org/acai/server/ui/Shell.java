package org.acai.server.ui;

/**
 * What every page's frame shows: the title, who is signed in and the form's CSRF token.
 *
 * @param title page title
 * @param userName signed-in user; null on the sign-in and error pages without a session
 * @param projectId the user's project
 * @param admin whether the user administers the project
 * @param csrf the session's CSRF token, for forms that change state
 */
public record Shell(String title, String userName, String projectId, boolean admin, String csrf) {
  /** The frame of a page seen without a session. */
  static Shell anonymous(String title) {
    return new Shell(title, null, null, false, "");
  }

  /** Whether someone is signed in. */
  public boolean signedIn() {
    return userName != null;
  }
}
