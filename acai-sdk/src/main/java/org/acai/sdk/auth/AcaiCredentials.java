package org.acai.sdk.auth;

import java.net.URI;

/**
 * A resolved set of credentials.
 *
 * @param endpoint the server's base URL
 * @param project the project name (informational: the token alone identifies the project)
 * @param token the user token
 * @param source where the token came from, e.g. "environment (ACAI_TOKEN)"
 */
public record AcaiCredentials(URI endpoint, String project, String token, String source) {
  @Override
  public String toString() {
    return "AcaiCredentials[endpoint="
        + endpoint
        + ", project="
        + project
        + ", source="
        + source
        + "]";
  }
}
