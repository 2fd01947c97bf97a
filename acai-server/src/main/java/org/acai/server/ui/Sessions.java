package org.acai.server.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.acai.server.auth.Tokens;
import org.jdbi.v3.core.Jdbi;

/**
 * Dashboard sessions and one-time login codes. The browser holds a random session id; the database
 * holds only its SHA-256 and the hash of the user token that opened it. Thread-safe.
 */
final class Sessions {
  static final Duration SESSION_TTL = Duration.ofHours(12);
  static final Duration CODE_TTL = Duration.ofMinutes(2);

  private final Jdbi jdbi;

  Sessions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Opens a session for the user token with hash {@code tokenHash}; returns the raw session id. */
  String open(byte[] tokenHash) {
    String id = Tokens.generate();
    jdbi.useHandle(
        handle -> {
          handle.createUpdate("DELETE FROM ui_sessions WHERE expires_at < now()").execute();
          handle
              .createUpdate(
                  "INSERT INTO ui_sessions (id_hash, token_hash, expires_at)"
                      + " VALUES (:id, :token, :expires)")
              .bind("id", Tokens.hash(id))
              .bind("token", tokenHash)
              .bind("expires", Timestamp.from(Instant.now().plus(SESSION_TTL)))
              .execute();
        });
    return id;
  }

  /** The token hash of a live session, if {@code sessionId} names one. */
  Optional<byte[]> tokenHash(String sessionId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT token_hash FROM ui_sessions WHERE id_hash = :id"
                        + " AND revoked_at IS NULL AND expires_at > now()")
                .bind("id", Tokens.hash(sessionId))
                .mapTo(byte[].class)
                .findOne());
  }

  /** Ends a session; the same cookie no longer works afterwards. */
  void revoke(String sessionId) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "UPDATE ui_sessions SET revoked_at = now()"
                        + " WHERE id_hash = :id AND revoked_at IS NULL")
                .bind("id", Tokens.hash(sessionId))
                .execute());
  }

  /** A short-lived, single-use login code for the user token with hash {@code tokenHash}. */
  String newLoginCode(byte[] tokenHash) {
    String code = Tokens.generate();
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "INSERT INTO ui_login_codes (code_hash, token_hash, expires_at)"
                        + " VALUES (:code, :token, :expires)")
                .bind("code", Tokens.hash(code))
                .bind("token", tokenHash)
                .bind("expires", Timestamp.from(Instant.now().plus(CODE_TTL)))
                .execute());
    return code;
  }

  /** Uses up a login code: the token hash it was made for, once, before it expires. */
  Optional<byte[]> redeem(String code) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "UPDATE ui_login_codes SET used_at = now() WHERE code_hash = :code"
                        + " AND used_at IS NULL AND expires_at > now() RETURNING token_hash")
                .bind("code", Tokens.hash(code))
                .mapTo(byte[].class)
                .findOne());
  }

  /**
   * The CSRF token of a session: derived from the secret session id, so it needs no storage and
   * cannot be guessed by a page that cannot read the HttpOnly cookie.
   */
  static String csrfToken(String sessionId) {
    byte[] hash = Tokens.hash("csrf:" + sessionId);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
  }

  /** Whether {@code given} matches {@code expected}, compared in constant time. */
  static boolean sameSecret(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
