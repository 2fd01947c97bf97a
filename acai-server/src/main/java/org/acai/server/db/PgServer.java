package org.acai.server.db;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.acai.server.home.FileModes;
import org.newsclub.net.unix.AFUNIXSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL, kept in a persistent data directory {@code D} (the server uses {@code
 * DIR/pg}) and reachable only by its superuser's password (SCRAM-SHA-256, in {@code D-password},
 * mode 0600) over a Unix socket in {@code D-socket} (mode 0700). It listens on no TCP port. Data
 * directories of earlier versions, which trusted every local connection, get the password and the
 * new {@code pg_hba.conf} at their next start. Thread-safe.
 */
public final class PgServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PgServer.class);

  /** Only names the socket file: the server listens on no TCP port. */
  static final int PORT = 5432;

  private static final long MAX_LOG_BYTES = 16L << 20;

  private final PgCommands commands;
  private final PgLayout layout;
  private final String password;
  private final Thread stopAtExit;
  private boolean stopped;

  private PgServer(PgCommands commands, PgLayout layout, String password) {
    this.commands = commands;
    this.layout = layout;
    this.password = password;
    this.stopAtExit = new Thread(this::stop, "embedded-postgres-stop");
  }

  /**
   * Starts the PostgreSQL in {@code dataDir}: creates it on the first start, upgrades the access
   * rules of an older one, stops a postmaster a killed server left running.
   */
  public static PgServer start(Path dataDir) throws IOException {
    PgLayout layout = PgLayout.of(dataDir);
    FileModes.createPrivateDirectories(layout.home());
    StalePostmaster.stop(layout.dataDir());
    PgCommands commands = new PgCommands(PgBinaries.ensure(layout.binaries()));
    boolean fresh = !Files.exists(layout.dataDir().resolve("PG_VERSION"));
    String password = PgAccess.readPassword(layout.passwordFile()).orElse(null);
    if (password == null) {
      password = PgAccess.createPassword(layout.passwordFile());
    }
    if (fresh) {
      initdb(commands, layout);
    } else if (!PgAccess.hbaIsCurrent(layout.dataDir())) {
      LOG.info("Upgrading the embedded PostgreSQL in {}: password required", layout.dataDir());
      setPassword(commands, layout, password);
    }
    if (!PgAccess.hbaIsCurrent(layout.dataDir())) {
      PgAccess.writeHba(layout.dataDir());
    }
    PgServer server = new PgServer(commands, layout, password);
    server.startPostmaster();
    return server;
  }

  private static void initdb(PgCommands commands, PgLayout layout) throws IOException {
    FileModes.createPrivateDirectories(layout.dataDir());
    commands.run(
        "initdb",
        null,
        List.of(
            "-D",
            layout.dataDir().toString(),
            "-U",
            "postgres",
            "-A",
            "scram-sha-256",
            "--pwfile=" + layout.passwordFile(),
            "-E",
            "UTF-8"));
  }

  /** Sets the superuser's password in single-user mode: no connection is ever accepted. */
  private static void setPassword(PgCommands commands, PgLayout layout, String password)
      throws IOException {
    String statement = "ALTER ROLE postgres WITH PASSWORD '" + password.replace("'", "''") + "';\n";
    String output;
    try {
      output =
          commands.run(
              "postgres",
              statement,
              List.of(
                  "--single",
                  "-D",
                  layout.dataDir().toString(),
                  "-c",
                  "password_encryption=scram-sha-256",
                  "postgres"));
    } catch (IOException e) {
      // Its output may quote the statement, password included: keep it out of the message.
      throw new IOException(
          "Cannot set the embedded PostgreSQL's password: postgres --single failed");
    }
    if (output.contains("ERROR")) {
      throw new IOException("Cannot set the embedded PostgreSQL's password");
    }
  }

  private void startPostmaster() throws IOException {
    FileModes.createPrivateDirectories(layout.socketDir());
    Path log = layout.logFile();
    if (Files.exists(log) && Files.size(log) > MAX_LOG_BYTES) {
      Files.delete(log);
    }
    if (!Files.exists(log)) {
      Files.createFile(log, FileModes.privateFile());
    }
    commands.run(
        "pg_ctl",
        null,
        List.of(
            "-D",
            layout.dataDir().toString(),
            "-l",
            log.toString(),
            "-w",
            "-t",
            "120",
            "-o",
            options(),
            "start"));
    Runtime.getRuntime().addShutdownHook(stopAtExit);
    LOG.info("Embedded PostgreSQL listening on {} (no TCP)", layout.socketFile());
  }

  /** Postmaster options, quoted for the shell pg_ctl starts it with. */
  private String options() {
    Map<String, String> settings = new TreeMap<>();
    settings.put("listen_addresses", "");
    settings.put("unix_socket_directories", "\"" + layout.socketDir() + "\"");
    settings.put("unix_socket_permissions", "0700");
    settings.put("password_encryption", "scram-sha-256");
    settings.put("port", Integer.toString(PORT));
    settings.put("max_connections", "200");
    settings.put("timezone", "UTC");
    // This database holds users' data: a commit must survive an OS crash or power loss.
    settings.put("fsync", "on");
    settings.put("synchronous_commit", "on");
    settings.put("full_page_writes", "on");
    // Its files are on local disk, mostly in the page cache: a random page read costs little more
    // than a sequential one. With the default (4, a spinning disk's ratio) the planner read all of
    // packed_blobs or file_versions to find the 10,000 rows of one batch download (0.14-0.31 s a
    // query at 520k rows, growing with the tables) instead of probing their keys (0.02-0.05 s).
    settings.put("random_page_cost", "1.1");
    List<String> options = new ArrayList<>();
    settings.forEach((name, value) -> options.add("-c " + quote(name + "=" + value)));
    return String.join(" ", options);
  }

  private static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** The JDBC URL of database {@code postgres}, over the Unix socket. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:"
        + PORT
        + "/postgres?sslmode=disable&socketFactory="
        + AFUNIXSocketFactory.FactoryArg.class.getName()
        + "&socketFactoryArg="
        + URLEncoder.encode(layout.socketFile().toString(), StandardCharsets.UTF_8);
  }

  /** The superuser's name. */
  public String user() {
    return "postgres";
  }

  /** The superuser's password. */
  public String password() {
    return password;
  }

  /** Where the files are. */
  public PgLayout layout() {
    return layout;
  }

  private synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      commands.run(
          "pg_ctl",
          null,
          List.of("-D", layout.dataDir().toString(), "-m", "fast", "-t", "60", "-w", "stop"));
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // the JVM is exiting: the hook runs, or ran, stop() itself
    }
  }
}
