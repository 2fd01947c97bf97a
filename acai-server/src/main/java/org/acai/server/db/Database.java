package org.acai.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's PostgreSQL: starts the embedded one when configured, pools connections, applies the
 * Flyway migrations and exposes {@link Jdbi}. Thread-safe.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final PgServer embedded;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  private Database(PgServer embedded, HikariDataSource dataSource) {
    this.embedded = embedded;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
  }

  /**
   * Opens the database: starts the embedded PostgreSQL if configured, then migrates the schema.
   *
   * @throws UncheckedIOException if the embedded PostgreSQL cannot start
   */
  public static Database open(DbConfig config) {
    PgServer embedded = null;
    String url = config.jdbcUrl();
    String user = config.user();
    String password = config.password();
    if (config.isEmbedded()) {
      try {
        embedded = PgServer.start(config.embeddedDir());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot start embedded PostgreSQL in " + config.embeddedDir(), e);
      }
      url = embedded.jdbcUrl();
      user = embedded.user();
      password = embedded.password();
    }
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(url);
    hikari.setUsername(user);
    hikari.setPassword(password);
    hikari.setMaximumPoolSize(config.maxPoolSize());
    hikari.setPoolName("acai-db");
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(hikari);
      migrate(dataSource);
    } catch (RuntimeException e) {
      closeQuietly(embedded);
      throw e;
    }
    LOG.info("Database ready: {}", config);
    return new Database(embedded, dataSource);
  }

  private static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  /** The JDBI handle factory; share it freely. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** The pooled data source. */
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
    closeQuietly(embedded);
  }

  private static void closeQuietly(PgServer postgres) {
    if (postgres != null) {
      postgres.close();
    }
  }
}
