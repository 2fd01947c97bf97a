package org.acai.tests;

import org.acai.testkit.AcaiServerExtension;

/**
 * A fingerprint of what a project has stored, read from the server's database: versions, file sets,
 * jobs, upload sessions, metadata, users, user tokens, deletions, and the number of projects.
 */
final class StoredState {
  private static final String FINGERPRINT =
      "SELECT concat_ws(' ',"
          + " 'versions=' || (SELECT count(*) FROM file_versions WHERE project_id = :p),"
          + " 'sets=' || (SELECT count(*) FROM file_sets WHERE project_id = :p),"
          + " 'jobs=' || (SELECT count(*) FROM jobs WHERE project_id = :p),"
          + " 'sessions=' || (SELECT count(*) FROM upload_sessions WHERE project_id = :p),"
          + " 'meta=' || (SELECT md5(coalesce(string_agg(entity_type || entity_id::text"
          + "   || doc::text, ',' ORDER BY entity_type, entity_id::text), ''))"
          + "   FROM meta_docs WHERE project_id = :p),"
          + " 'users=' || (SELECT count(*) FROM users WHERE project_id = :p),"
          + " 'tokens=' || (SELECT count(*) FROM tokens t JOIN users u ON u.id = t.user_id"
          + "   WHERE u.project_id = :p AND t.kind = 'user' AND t.revoked_at IS NULL),"
          + " 'deletions=' || (SELECT count(*) FROM deletions WHERE project_id = :p),"
          + " 'projects=' || (SELECT count(*) FROM projects))";

  private static final String LIVE_JOBS =
      "SELECT count(*) FROM jobs WHERE project_id = :p"
          + " AND status NOT IN ('FINISHED', 'FAILED', 'KILLED', 'CONTAINER_CRASHED')";

  private StoredState() {}

  /**
   * The fingerprint once {@code project} has no live job: a running job changes its metadata and
   * ends by storing its outputs, which is not the doing of the request under test.
   */
  static String settled(AcaiServerExtension server, long project) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline && count(server, LIVE_JOBS, project) > 0) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return of(server, project);
  }

  private static long count(AcaiServerExtension server, String sql, long project) {
    return server
        .server()
        .database()
        .jdbi()
        .withHandle(handle -> handle.createQuery(sql).bind("p", project).mapTo(Long.class).one());
  }

  /** The fingerprint of {@code project}'s stored state now. */
  static String of(AcaiServerExtension server, long project) {
    return server
        .server()
        .database()
        .jdbi()
        .withHandle(
            handle -> handle.createQuery(FINGERPRINT).bind("p", project).mapTo(String.class).one());
  }
}
