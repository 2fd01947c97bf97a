package org.acai.server.db;

import java.sql.SQLException;
import java.util.Optional;

/** Finds the database's own error behind a failure that wraps it (Jdbi, a pool). */
public final class SqlCauses {
  private SqlCauses() {}

  /** The first {@link SQLException} in {@code e}'s cause chain, {@code e} included. */
  public static Optional<SQLException> of(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }
}
