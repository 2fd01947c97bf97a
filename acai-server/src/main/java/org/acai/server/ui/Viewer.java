package org.acai.server.ui;

import org.acai.api.identity.Role;
import org.acai.server.auth.Principal;

/**
 * The signed-in member behind a dashboard request.
 *
 * @param principal the member, resolved through the same credential service as API tokens
 * @param csrf the session's CSRF token
 */
record Viewer(Principal principal, String csrf) {
  Shell shell(String title) {
    return new Shell(
        title,
        principal.userName(),
        principal.projectId(),
        principal.role() == Role.PROJECT_ADMIN,
        csrf);
  }
}
