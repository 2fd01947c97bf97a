package org.acai.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.acai.server.db.DbConfig;

/**
 * One embedded PostgreSQL per test JVM; every server under test gets a fresh database in it,
 * addressed by JDBC URL as an external PostgreSQL would be. Thread-safe.
 */
public final class SharedPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private SharedPostgres() {}

  /** A new, empty database, as the config of an external PostgreSQL. */
  public static DbConfig newDatabase() {
    EmbeddedPostgres pg = instance();
    String name = "acai_test_" + DATABASES.incrementAndGet();
    try (Connection connection = pg.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + name, e);
    }
    return DbConfig.external(pg.getJdbcUrl("postgres", name), "postgres", null);
  }

  private static synchronized EmbeddedPostgres instance() {
    if (postgres == null) {
      try {
        postgres =
            EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "off")
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the shared embedded PostgreSQL", e);
      }
      Runtime.getRuntime()
          .addShutdownHook(new Thread(SharedPostgres::stop, "shared-postgres-stop"));
    }
    return postgres;
  }

  private static synchronized void stop() {
    try {
      if (postgres != null) {
        postgres.close();
      }
    } catch (IOException e) {
      // The JVM is exiting; nothing useful is left to do.
    }
  }
}
