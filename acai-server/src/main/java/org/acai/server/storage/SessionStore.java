package org.acai.server.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** SQL of upload sessions, on one handle. */
final class SessionStore {
  private static final String FILE_COLUMNS =
      "SELECT idx, path, expected_size, expected_sha256, landed_size, landed_sha256, version"
          + " FROM upload_files";

  private final Handle handle;

  SessionStore(Handle handle) {
    this.handle = handle;
  }

  /** A session row. */
  record Session(
      UUID id,
      long projectId,
      long creatorId,
      String state,
      Instant expiresAt,
      boolean commitOnFinish) {
    boolean isOpen() {
      return "open".equals(state);
    }

    boolean isCommitted() {
      return "committed".equals(state);
    }
  }

  /** A session row with one of its file rows (null when there is no such file). */
  record SessionAndFile(Session session, SessionFile file) {}

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
      return SessionStore.stagingKey(session, index);
    }
  }

  /** Where the bytes of file {@code index} of a session are staged in the blob store. */
  static String stagingKey(UUID session, int index) {
    return "uploads/" + session + "/" + index;
  }

  long openSessionsOf(long creator) {
    return handle
        .createQuery(
            "SELECT count(*) FROM upload_sessions WHERE creator_id = :c AND state = 'open'")
        .bind("c", creator)
        .mapTo(Long.class)
        .one();
  }

  void create(UUID id, long project, long creator, Instant expiresAt, boolean commitOnFinish) {
    handle
        .createUpdate(
            "INSERT INTO upload_sessions"
                + " (id, project_id, creator_id, state, expires_at, commit_on_finish)"
                + " VALUES (:id, :project, :creator, 'open', :expires, :onFinish)")
        .bind("onFinish", commitOnFinish)
        .bind("id", id)
        .bind("project", project)
        .bind("creator", creator)
        .bind("expires", Timestamp.from(expiresAt))
        .execute();
  }

  /**
   * Adds the session's files, index {@code i} for {@code paths[i]}; sizes and digests may be null.
   */
  void addFiles(UUID session, List<StoragePath> paths, List<Long> sizes, List<String> sha256s) {
    List<Integer> indexes = new ArrayList<>();
    List<Long> sizeColumn = new ArrayList<>();
    List<String> shaColumn = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      indexes.add(i);
      sizeColumn.add(sizes == null ? null : sizes.get(i));
      shaColumn.add(sha256s == null ? null : sha256s.get(i));
    }
    handle
        .createUpdate(
            "INSERT INTO upload_files (session_id, idx, path, expected_size, expected_sha256)"
                + " SELECT :session, t.idx, t.path, t.size, t.sha"
                + " FROM unnest(:indexes, :paths, :sizes, :shas) AS t(idx, path, size, sha)")
        .bind("session", session)
        .bindArray("indexes", Integer.class, indexes)
        .bindArray("paths", String.class, paths.stream().map(StoragePath::value).toList())
        .bindArray("sizes", Long.class, sizeColumn)
        .bindArray("shas", String.class, shaColumn)
        .execute();
  }

  Optional<Session> find(UUID id, boolean lock) {
    return handle
        .createQuery(
            "SELECT id, project_id, creator_id, state, expires_at, commit_on_finish"
                + " FROM upload_sessions WHERE id = :id"
                + (lock ? " FOR UPDATE" : ""))
        .bind("id", id)
        .map((rs, ctx) -> sessionOf(rs))
        .findOne();
  }

  private static Session sessionOf(ResultSet rs) throws SQLException {
    return new Session(
        rs.getObject("id", UUID.class),
        rs.getLong("project_id"),
        rs.getLong("creator_id"),
        rs.getString("state"),
        rs.getTimestamp("expires_at").toInstant(),
        rs.getBoolean("commit_on_finish"));
  }

  List<SessionFile> files(UUID session) {
    return handle
        .createQuery(FILE_COLUMNS + " WHERE session_id = :session ORDER BY idx")
        .bind("session", session)
        .map((rs, ctx) -> fileOf(rs))
        .list();
  }

  /** The indexes of the session's files whose bytes have not landed. */
  List<Integer> unlanded(UUID session) {
    return handle
        .createQuery(
            "SELECT idx FROM upload_files WHERE session_id = :session AND landed_size IS NULL")
        .bind("session", session)
        .mapTo(Integer.class)
        .list();
  }

  private static SessionFile fileOf(ResultSet rs) throws SQLException {
    return new SessionFile(
        rs.getInt("idx"),
        new StoragePath(rs.getString("path")),
        (Long) rs.getObject("expected_size"),
        rs.getString("expected_sha256"),
        (Long) rs.getObject("landed_size"),
        rs.getString("landed_sha256"),
        (Integer) rs.getObject("version"));
  }

  /** Records what has landed: sizes and digests (a digest may be null) by file index. */
  void landed(UUID session, List<Integer> indexes, List<Long> sizes, List<String> sha256s) {
    handle
        .createUpdate(
            "UPDATE upload_files u SET landed_size = t.size, landed_sha256 = t.sha"
                + " FROM unnest(:indexes, :sizes, :shas) AS t(idx, size, sha)"
                + " WHERE u.session_id = :session AND u.idx = t.idx")
        .bind("session", session)
        .bindArray("indexes", Integer.class, indexes)
        .bindArray("sizes", Long.class, sizes)
        .bindArray("shas", String.class, sha256s)
        .execute();
  }

  /**
   * A session and one of its files in one query: empty if the session does not exist; the file is
   * null if the session has no such index.
   */
  Optional<SessionAndFile> sessionFile(UUID session, int index) {
    return handle
        .createQuery(
            "SELECT s.id, s.project_id, s.creator_id, s.state, s.expires_at, s.commit_on_finish,"
                + " f.idx, f.path,"
                + " f.expected_size, f.expected_sha256, f.landed_size, f.landed_sha256, f.version"
                + " FROM upload_sessions s"
                + " LEFT JOIN upload_files f ON f.session_id = s.id AND f.idx = :idx"
                + " WHERE s.id = :session")
        .bind("session", session)
        .bind("idx", index)
        .map(
            (rs, ctx) ->
                new SessionAndFile(sessionOf(rs), rs.getObject("idx") == null ? null : fileOf(rs)))
        .findOne();
  }

  /** Records each file's version: {@code versions[i]} for the file at {@code indexes[i]}. */
  void versioned(UUID session, List<Integer> indexes, List<Integer> versions) {
    handle
        .createUpdate(
            "UPDATE upload_files u SET version = t.version"
                + " FROM unnest(:indexes, :versions) AS t(idx, version)"
                + " WHERE u.session_id = :session AND u.idx = t.idx")
        .bind("session", session)
        .bindArray("indexes", Integer.class, indexes)
        .bindArray("versions", Integer.class, versions)
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
}
