package org.acai.server.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The PostgreSQL client {@code psql}, run as the test's user or as another uid (nobody). */
final class Psql {
  static final Path PSQL = Path.of("/usr/bin/psql");
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

  record Result(int exit, String output) {}

  private Psql() {}

  /** Skips the test, saying so, when psql is missing. */
  static void require() {
    String skip = "SKIP: no " + PSQL + " (apt-get install -y postgresql-client)";
    if (!Files.isExecutable(PSQL)) {
      System.out.println(skip);
    }
    Assumptions.assumeTrue(Files.isExecutable(PSQL), skip);
  }

  /** Skips the test, saying so, unless it can run commands as another uid. */
  static void requireOtherUid() {
    boolean root = "root".equals(System.getProperty("user.name"));
    String skip = "SKIP: running as another uid needs root and " + SETPRIV;
    if (!root || !Files.isExecutable(SETPRIV)) {
      System.out.println(skip);
    }
    Assumptions.assumeTrue(root && Files.isExecutable(SETPRIV), skip);
  }

  /** Runs a command as uid and gid 65534 (nobody), without supplementary groups. */
  static List<String> asNobody(List<String> command) {
    List<String> wrapped = new ArrayList<>(List.of(SETPRIV.toString(), "--reuid=65534"));
    wrapped.addAll(List.of("--regid=65534", "--clear-groups"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** {@code psql -h host -p port -U postgres -c 'SELECT 1'}, never prompting. */
  static List<String> select(String host, int port) {
    return List.of(
        PSQL.toString(),
        "-w",
        "-h",
        host,
        "-p",
        Integer.toString(port),
        "-U",
        "postgres",
        "-d",
        "postgres",
        "-Atc",
        "SELECT 1");
  }

  static Result run(List<String> command, String password) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
    if (password != null) {
      builder.environment().put("PGPASSWORD", password);
    }
    builder.environment().put("PGCONNECT_TIMEOUT", "5");
    builder.directory(Path.of("/").toFile());
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return new Result(process.exitValue(), output.strip());
  }
}
