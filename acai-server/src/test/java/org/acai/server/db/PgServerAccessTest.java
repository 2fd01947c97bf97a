package org.acai.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL takes no connection without its password, listens on no TCP port, and its
 * socket and password file are out of reach of other users.
 */
class PgServerAccessTest {
  @TempDir static Path shared;
  @TempDir Path tmp;

  /** One server for the tests that only look at a running one (each start costs seconds). */
  private static PgServer running;

  @BeforeAll
  static void start() throws Exception {
    running = PgServer.start(home(shared).resolve("pg"));
  }

  @AfterAll
  static void stop() {
    running.close();
  }

  /** A data directory whose parents another uid may traverse: only the server's modes protect. */
  private static Path home(Path parent) throws Exception {
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx--x--x"));
    return Files.createDirectory(parent.resolve("home"));
  }

  private Path home() throws Exception {
    return home(tmp);
  }

  @Test
  void theFirstStartMakesAPrivatePasswordAndRequiresIt() throws Exception {
    PgServer pg = running;
    PgLayout layout = pg.layout();
    assertThat(Files.readString(layout.passwordFile()).strip()).isEqualTo(pg.password());
    assertThat(Files.getPosixFilePermissions(layout.passwordFile()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(layout.socketDir()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.readString(layout.dataDir().resolve("pg_hba.conf")))
        .doesNotContain("trust")
        .contains("local   all          all                 scram-sha-256");

    assertThat(selectOne(pg.jdbcUrl(), pg.password())).isEqualTo(1);
    assertThatThrownBy(() -> selectOne(pg.jdbcUrl(), null)).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> selectOne(pg.jdbcUrl(), "wrong")).isInstanceOf(SQLException.class);
  }

  @Test
  void itListensOnNoTcpPort() throws Exception {
    PgServer pg = running;
    List<String> pid = Files.readAllLines(pg.layout().dataDir().resolve("postmaster.pid"));
    assertThat(pid.get(5)).as("listen address line of postmaster.pid").isBlank();
    assertThat(connects(PgServer.PORT)).as("TCP connect to 127.0.0.1:5432 by PostgreSQL").isFalse();
  }

  @Test
  void psqlWithoutThePasswordIsRefusedOverTheSocket() throws Exception {
    Psql.require();
    PgServer pg = running;
    String socketDir = pg.layout().socketDir().toString();
    Psql.Result withPassword = Psql.run(Psql.select(socketDir, PgServer.PORT), pg.password());
    Psql.Result without = Psql.run(Psql.select(socketDir, PgServer.PORT), null);
    Psql.Result tcp = Psql.run(Psql.select("127.0.0.1", PgServer.PORT), null);

    assertThat(withPassword.output()).isEqualTo("1");
    assertThat(without.exit()).isNotZero();
    assertThat(without.output()).contains("password");
    assertThat(tcp.exit()).isNotZero();
  }

  @Test
  void anotherUidReachesNeitherTheSocketNorThePassword() throws Exception {
    Psql.require();
    Psql.requireOtherUid();
    PgServer pg = running;
    String socketDir = pg.layout().socketDir().toString();
    // Opened as an older server left it: the socket directory and the files protect themselves.
    Files.setPosixFilePermissions(pg.layout().home(), PosixFilePermissions.fromString("rwx--x--x"));
    Psql.Result psql;
    Psql.Result cat;
    Psql.Result pidFile;
    try {
      psql = Psql.run(Psql.asNobody(Psql.select(socketDir, PgServer.PORT)), pg.password());
      cat = Psql.run(Psql.asNobody(List.of("cat", pg.layout().passwordFile().toString())), null);
      pidFile =
          Psql.run(
              Psql.asNobody(
                  List.of("cat", pg.layout().dataDir().resolve("postmaster.pid").toString())),
              null);
    } finally {
      Files.setPosixFilePermissions(
          pg.layout().home(), PosixFilePermissions.fromString("rwx------"));
    }

    assertThat(psql.exit()).isNotZero();
    assertThat(psql.output()).containsIgnoringCase("permission denied");
    assertThat(cat.exit()).isNotZero();
    assertThat(cat.output()).doesNotContain(pg.password());
    assertThat(pidFile.exit()).isNotZero();
  }

  @Test
  void aRestartKeepsDataAndPassword() throws Exception {
    Path dataDir = home().resolve("pg");
    String password;
    try (PgServer pg = PgServer.start(dataDir)) {
      password = pg.password();
      execute(pg.jdbcUrl(), password, "CREATE TABLE kept (x int); INSERT INTO kept VALUES (7)");
    }
    try (PgServer pg = PgServer.start(dataDir)) {
      assertThat(pg.password()).isEqualTo(password);
      assertThat(query(pg.jdbcUrl(), password, "SELECT x FROM kept")).isEqualTo(7);
    }
  }

  @Test
  void aDataDirectoryThatTrustedLocalConnectionsIsUpgraded() throws Exception {
    Path dataDir = home().resolve("pg");
    try (EmbeddedPostgres old =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
            .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
            .start()) {
      execute(old.getJdbcUrl("postgres", "postgres"), null, "CREATE TABLE kept (x int)");
      execute(old.getJdbcUrl("postgres", "postgres"), null, "INSERT INTO kept VALUES (7)");
    }
    assertThat(Files.readString(dataDir.resolve("pg_hba.conf"))).contains("trust");

    try (PgServer pg = PgServer.start(dataDir)) {
      assertThat(Files.readString(dataDir.resolve("pg_hba.conf"))).doesNotContain("trust");
      assertThat(query(pg.jdbcUrl(), pg.password(), "SELECT x FROM kept")).isEqualTo(7);
      assertThatThrownBy(() -> selectOne(pg.jdbcUrl(), null)).isInstanceOf(SQLException.class);
      assertThat(
              query(
                  pg.jdbcUrl(),
                  pg.password(),
                  "SELECT count(*) FROM pg_authid WHERE rolpassword LIKE 'SCRAM-SHA-256$%'"))
          .isEqualTo(1);
    }
  }

  private static boolean connects(int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(
          new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 2000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static int selectOne(String url, String password) throws SQLException {
    return query(url, password, "SELECT 1");
  }

  private static int query(String url, String password, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, "postgres", password);
        Statement statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static void execute(String url, String password, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, "postgres", password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
