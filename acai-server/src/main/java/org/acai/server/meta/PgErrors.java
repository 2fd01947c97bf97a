package org.acai.server.meta;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.ServiceUnavailableException;
import org.acai.server.db.SqlCauses;
import org.jdbi.v3.core.JdbiException;

/** Turns the PostgreSQL errors a caller can cause into ACAI exceptions. */
final class PgErrors {
  private static final String INVALID_REGEX = "2201B";
  private static final String QUERY_CANCELED = "57014";
  private static final String SEVERITY = "ERROR: ";

  private PgErrors() {}

  /** What to throw for a failed regex check of condition {@code key}: a 400 if it is invalid. */
  static RuntimeException regex(JdbiException e, String key, Duration timeout) {
    Optional<SQLException> sql = SqlCauses.of(e).filter(s -> INVALID_REGEX.equals(s.getSQLState()));
    if (sql.isPresent()) {
      return new InvalidRequestException(
          e, "Invalid condition on key %s: %s", key, firstLine(sql.get().getMessage()));
    }
    return query(e, timeout);
  }

  /**
   * What to throw for a failed query: a 503 if the statement timeout stopped it, else {@code e}.
   */
  static RuntimeException query(JdbiException e, Duration timeout) {
    if (SqlCauses.of(e).map(SQLException::getSQLState).filter(QUERY_CANCELED::equals).isPresent()) {
      return new ServiceUnavailableException(
          e,
          "Cannot run metadata query: it ran longer than %s; add more selective conditions",
          timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms");
    }
    return e;
  }

  /** The server's message without severity prefix and detail lines. */
  private static String firstLine(String message) {
    String line = message.lines().findFirst().orElse("");
    return line.startsWith(SEVERITY) ? line.substring(SEVERITY.length()) : line;
  }
}
