package org.acai.server.db;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the database is: an external PostgreSQL reached by JDBC URL, or an embedded one kept in a
 * data directory.
 *
 * @param jdbcUrl JDBC URL of an external PostgreSQL; null for the embedded one
 * @param user database user of the external PostgreSQL
 * @param password its password
 * @param embeddedDir data directory of the embedded PostgreSQL; null for an external one
 * @param maxPoolSize connection-pool size
 */
public record DbConfig(
    String jdbcUrl, String user, String password, Path embeddedDir, int maxPoolSize) {
  private static final int DEFAULT_POOL = 16;

  public DbConfig {
    if ((jdbcUrl == null) == (embeddedDir == null)) {
      throw new IllegalArgumentException("Exactly one of jdbcUrl and embeddedDir must be set");
    }
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("Invalid pool size: " + maxPoolSize);
    }
  }

  /** An embedded PostgreSQL whose data lives in {@code dataDir}, kept across restarts. */
  public static DbConfig embedded(Path dataDir) {
    return new DbConfig(null, null, null, Objects.requireNonNull(dataDir), DEFAULT_POOL);
  }

  /** An external PostgreSQL. */
  public static DbConfig external(String jdbcUrl, String user, String password) {
    return new DbConfig(Objects.requireNonNull(jdbcUrl), user, password, null, DEFAULT_POOL);
  }

  /** Whether this config starts an embedded PostgreSQL. */
  public boolean isEmbedded() {
    return embeddedDir != null;
  }

  @Override
  public String toString() {
    return isEmbedded() ? "embedded PostgreSQL in " + embeddedDir : "PostgreSQL at " + jdbcUrl;
  }
}
