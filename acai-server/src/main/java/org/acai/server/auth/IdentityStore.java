package org.acai.server.auth;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.acai.api.error.AlreadyExistsException;
import org.acai.api.identity.Role;
import org.acai.api.identity.UserInfo;
import org.acai.server.db.SecretText;
import org.jdbi.v3.core.Handle;

/** SQL of the identity tables, on one JDBI handle (so callers choose the transaction). */
final class IdentityStore {
  private static final String ADMIN_HASH = "admin_token_sha256";

  private final Handle handle;

  IdentityStore(Handle handle) {
    this.handle = handle;
  }

  Optional<byte[]> adminHash() {
    return handle
        .createQuery("SELECT value FROM server_settings WHERE name = :name")
        .bind("name", ADMIN_HASH)
        .mapTo(String.class)
        .findOne()
        .map(HexFormat.of()::parseHex);
  }

  void setAdminHash(byte[] hash) {
    handle
        .createUpdate(
            "INSERT INTO server_settings (name, value) VALUES (:name, :value)"
                + " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value")
        .bind("name", ADMIN_HASH)
        .bind("value", SecretText.of(HexFormat.of().formatHex(hash)))
        .execute();
  }

  long createProject(String name) {
    return handle
        .createQuery(
            "INSERT INTO projects (name) VALUES (:name) ON CONFLICT (name) DO NOTHING RETURNING id")
        .bind("name", name)
        .mapTo(Long.class)
        .findOne()
        .orElseThrow(() -> new AlreadyExistsException("Cannot create project %s: it exists", name));
  }

  Optional<Long> projectKey(String name) {
    return handle
        .createQuery("SELECT id FROM projects WHERE name = :name AND removed_at IS NULL")
        .bind("name", name)
        .mapTo(Long.class)
        .findOne();
  }

  long createUser(long projectKey, String projectName, String name, Role role) {
    return handle
        .createQuery(
            "INSERT INTO users (project_id, name, role) VALUES (:project, :name, :role)"
                + " ON CONFLICT (project_id, name) DO NOTHING RETURNING id")
        .bind("project", projectKey)
        .bind("name", name)
        .bind("role", role.wireName())
        .mapTo(Long.class)
        .findOne()
        .orElseThrow(
            () ->
                new AlreadyExistsException(
                    "Cannot create user %s: it exists in project %s", name, projectName));
  }

  void insertToken(long userId, byte[] hash, String kind, Long jobId, Instant expiresAt) {
    handle
        .createUpdate(
            "INSERT INTO tokens (token_hash, user_id, kind, job_id, expires_at)"
                + " VALUES (:hash, :user, :kind, :job, :expires)")
        .bind("hash", hash)
        .bind("user", userId)
        .bind("kind", kind)
        .bind("job", jobId)
        .bind("expires", expiresAt == null ? null : java.sql.Timestamp.from(expiresAt))
        .execute();
  }

  /**
   * What a token hash authenticates as, in one round trip: the admin token's stored hash (for the
   * caller to compare in constant time) and the principal of a live user or job token with that
   * hash, if there is one.
   */
  TokenLookup lookup(byte[] hash) {
    return handle
        .createQuery(
            "SELECT (SELECT value FROM server_settings WHERE name = :admin) AS admin_hash,"
                + " u.id, u.name, p.id AS project_key, p.name AS project_name, u.role, t.kind,"
                + " t.job_id FROM (SELECT 1) AS one LEFT JOIN (tokens t"
                + " JOIN users u ON u.id = t.user_id JOIN projects p ON p.id = u.project_id)"
                + " ON t.token_hash = :hash AND t.revoked_at IS NULL"
                + " AND u.removed_at IS NULL AND p.removed_at IS NULL"
                + " AND (t.expires_at IS NULL OR t.expires_at > now())")
        .bind("admin", ADMIN_HASH)
        .bind("hash", hash)
        .map(
            (rs, ctx) -> {
              String admin = rs.getString("admin_hash");
              Principal principal = null;
              if (rs.getObject("id") != null) {
                boolean job = "job".equals(rs.getString("kind"));
                principal =
                    new Principal(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getLong("project_key"),
                        rs.getString("project_name"),
                        job ? Role.JOB : Role.fromWire(rs.getString("role")),
                        job ? rs.getLong("job_id") : null);
              }
              return new TokenLookup(admin, Optional.ofNullable(principal));
            })
        .one();
  }

  /**
   * @param adminHashHex the admin token's hash in hex, or null before the server created one
   * @param principal the owner of a live token with the looked-up hash
   */
  record TokenLookup(String adminHashHex, Optional<Principal> principal) {
    /** Whether {@code hash} is the admin token's, compared in constant time. */
    boolean isAdmin(byte[] hash) {
      return adminHashHex != null
          && MessageDigest.isEqual(hash, HexFormat.of().parseHex(adminHashHex));
    }
  }

  List<UserInfo> users(long projectKey) {
    return handle
        .createQuery(
            "SELECT u.id, u.name, u.role, u.created_at, (SELECT count(*) FROM tokens t"
                + " WHERE t.user_id = u.id AND t.kind = 'user' AND t.revoked_at IS NULL"
                + " AND (t.expires_at IS NULL OR t.expires_at > now())) AS active"
                + " FROM users u WHERE u.project_id = :project AND u.removed_at IS NULL"
                + " ORDER BY u.id")
        .bind("project", projectKey)
        .map(
            (rs, ctx) ->
                new UserInfo(
                    rs.getLong("id"),
                    rs.getString("name"),
                    Role.fromWire(rs.getString("role")),
                    rs.getTimestamp("created_at").getTime(),
                    rs.getInt("active")))
        .list();
  }

  Optional<UserInfo> user(long projectKey, long userId) {
    return users(projectKey).stream().filter(user -> user.userId() == userId).findFirst();
  }

  int revokeUserTokens(long userId) {
    return handle
        .createUpdate(
            "UPDATE tokens SET revoked_at = now()"
                + " WHERE user_id = :user AND kind = 'user' AND revoked_at IS NULL")
        .bind("user", userId)
        .execute();
  }

  int revokeJobTokens(long jobId) {
    return handle
        .createUpdate(
            "UPDATE tokens SET revoked_at = now() WHERE job_id = :job AND revoked_at IS NULL")
        .bind("job", jobId)
        .execute();
  }

  /** Marks a user removed and revokes all its tokens, its jobs' too; returns how many. */
  int removeUser(long userId) {
    handle
        .createUpdate("UPDATE users SET removed_at = now() WHERE id = :user")
        .bind("user", userId)
        .execute();
    return handle
        .createUpdate(
            "UPDATE tokens SET revoked_at = now() WHERE user_id = :user AND revoked_at IS NULL")
        .bind("user", userId)
        .execute();
  }

  /** Marks a project and its users removed and revokes every token of theirs. */
  void removeProject(long projectKey) {
    handle
        .createUpdate(
            "UPDATE tokens t SET revoked_at = now() FROM users u"
                + " WHERE u.id = t.user_id AND u.project_id = :project AND t.revoked_at IS NULL")
        .bind("project", projectKey)
        .execute();
    handle
        .createUpdate(
            "UPDATE users SET removed_at = now() WHERE project_id = :project AND removed_at IS NULL")
        .bind("project", projectKey)
        .execute();
    handle
        .createUpdate("UPDATE projects SET removed_at = now() WHERE id = :project")
        .bind("project", projectKey)
        .execute();
  }

  /** Jobs of the project that have not ended. */
  long unendedJobs(long projectKey) {
    return handle
        .createQuery(
            "SELECT count(*) FROM jobs WHERE project_id = :project AND status IN"
                + " ('QUEUEING', 'LAUNCHING', 'DOWNLOADING', 'RUNNING', 'UPLOADING')")
        .bind("project", projectKey)
        .mapTo(Long.class)
        .one();
  }
}
