package org.acai.server.storage;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** SQL of upload sessions, on one handle. */
final class SessionStore {
  private final Handle handle;

  SessionStore(Handle handle) {
    this.handle = handle;
  }

  /** A session row. */
  record Session(UUID id, long projectId, long creatorId, String state, Instant expiresAt) {
    boolean isOpen() {
      return "open".equals(state);
    }

    boolean isCommitted() {
      return "committed".equals(state);
    }
  }

  /** A file row of a session. */
  record SessionFile(
      int index,
      StoragePath path,
      Long expectedSize,
      String expectedSha256,
      Long landedSize,
      String landedSha256,
      Integer version) {
    boolean landed() {
      return landedSize != null;
    }

    String stagingKey(UUID session) {
      return "uploads/" + session + "/" + index;
    }
  }

  void create(UUID id, long project, long creator, Instant expiresAt, int files) {
    handle
        .createUpdate(
            "INSERT INTO upload_sessions (id, project_id, creator_id, state, expires_at, remaining)"
                + " VALUES (:id, :project, :creator, 'open', :expires, :files)")
        .bind("id", id)
        .bind("files", files)
        .bind("project", project)
        .bind("creator", creator)
        .bind("expires", Timestamp.from(expiresAt))
        .execute();
  }

  void addFile(UUID session, int index, StoragePath path, Long size, String sha256) {
    handle
        .createUpdate(
            "INSERT INTO upload_files (session_id, idx, path, expected_size, expected_sha256)"
                + " VALUES (:session, :idx, :path, :size, :sha)")
        .bind("session", session)
        .bind("idx", index)
        .bind("path", path.value())
        .bind("size", size)
        .bind("sha", sha256)
        .execute();
  }

  Optional<Session> find(UUID id, boolean lock) {
    return handle
        .createQuery(
            "SELECT id, project_id, creator_id, state, expires_at FROM upload_sessions WHERE id = :id"
                + (lock ? " FOR UPDATE" : ""))
        .bind("id", id)
        .map(
            (rs, ctx) ->
                new Session(
                    rs.getObject("id", UUID.class),
                    rs.getLong("project_id"),
                    rs.getLong("creator_id"),
                    rs.getString("state"),
                    rs.getTimestamp("expires_at").toInstant()))
        .findOne();
  }

  List<SessionFile> files(UUID session) {
    return handle
        .createQuery(
            "SELECT idx, path, expected_size, expected_sha256, landed_size, landed_sha256, version"
                + " FROM upload_files WHERE session_id = :session ORDER BY idx")
        .bind("session", session)
        .map((rs, ctx) -> fileOf(rs))
        .list();
  }

  /** Records a landed file; returns how many files of the session are still missing. */
  int landed(UUID session, int index, long size, String sha256) {
    boolean first =
        handle
            .createQuery(
                "UPDATE upload_files u SET landed_size = :size, landed_sha256 = :sha"
                    + " FROM upload_files old WHERE u.session_id = :session AND u.idx = :idx"
                    + " AND old.session_id = u.session_id AND old.idx = u.idx"
                    + " RETURNING old.landed_size IS NULL")
            .bind("session", session)
            .bind("idx", index)
            .bind("size", size)
            .bind("sha", sha256)
            .mapTo(Boolean.class)
            .findOne()
            .orElse(false);
    return handle
        .createQuery(
            "UPDATE upload_sessions SET remaining = remaining - CASE WHEN :first THEN 1 ELSE 0 END"
                + " WHERE id = :session RETURNING coalesce(remaining, 0)")
        .bind("first", first)
        .bind("session", session)
        .mapTo(Integer.class)
        .one();
  }

  java.util.Optional<SessionFile> file(UUID session, int index) {
    return handle
        .createQuery(
            "SELECT idx, path, expected_size, expected_sha256, landed_size, landed_sha256, version"
                + " FROM upload_files WHERE session_id = :session AND idx = :idx")
        .bind("session", session)
        .bind("idx", index)
        .map((rs, ctx) -> fileOf(rs))
        .findOne();
  }

  void versioned(UUID session, int index, int version) {
    handle
        .createUpdate(
            "UPDATE upload_files SET version = :version WHERE session_id = :session AND idx = :idx")
        .bind("session", session)
        .bind("idx", index)
        .bind("version", version)
        .execute();
  }

  void state(UUID session, String state) {
    handle
        .createUpdate(
            "UPDATE upload_sessions SET state = :state,"
                + " committed_at = CASE WHEN :state = 'committed' THEN now() END WHERE id = :id")
        .bind("id", session)
        .bind("state", state)
        .execute();
  }

  List<UUID> expiredOpen(int limit) {
    return handle
        .createQuery(
            "SELECT id FROM upload_sessions WHERE state = 'open' AND expires_at < now() LIMIT :limit")
        .bind("limit", limit)
        .mapTo(UUID.class)
        .list();
  }

  private static SessionFile fileOf(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new SessionFile(
        rs.getInt("idx"),
        new StoragePath(rs.getString("path")),
        (Long) rs.getObject("expected_size"),
        rs.getString("expected_sha256"),
        (Long) rs.getObject("landed_size"),
        rs.getString("landed_sha256"),
        (Integer) rs.getObject("version"));
  }
}
