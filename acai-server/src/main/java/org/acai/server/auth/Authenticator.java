package org.acai.server.auth;

/** Resolves a bearer token to the principal it belongs to. Implementations are thread-safe. */
@FunctionalInterface
public interface Authenticator {
  /**
   * Resolves a token.
   *
   * @throws org.acai.api.error.NotAuthenticatedException if the token is unknown, expired or
   *     revoked
   */
  Principal authenticate(String token);
}
