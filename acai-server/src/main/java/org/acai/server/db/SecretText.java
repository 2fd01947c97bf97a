package org.acai.server.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A text bound to a statement that stays out of JDBI's telemetry: JDBI's {@code jdbi.statement}
 * flight-recorder events list each bound value as its {@code toString()}, and a JFR recording of a
 * running server must not hold a key or a token hash. Bind secrets with {@link #of}. Immutable.
 */
public final class SecretText implements Argument {
  private final String value;

  private SecretText(String value) {
    this.value = value;
  }

  /** The value, to bind as a text parameter. */
  public static SecretText of(String value) {
    return new SecretText(value);
  }

  @Override
  public void apply(int position, PreparedStatement statement, StatementContext ctx)
      throws SQLException {
    statement.setString(position, value);
  }

  @Override
  public String toString() {
    return "<secret>";
  }
}
