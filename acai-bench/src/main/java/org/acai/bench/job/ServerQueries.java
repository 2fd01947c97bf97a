package org.acai.bench.job;

import org.acai.server.AcaiServer;

/** Figures a benchmark reads from the database of the server it runs in process. */
public final class ServerQueries {
  private ServerQueries() {}

  /** The one number {@code sql} answers, e.g. a count from {@code pg_stat_activity}. */
  public static long number(AcaiServer server, String sql) {
    return server
        .database()
        .jdbi()
        .withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
  }
}
