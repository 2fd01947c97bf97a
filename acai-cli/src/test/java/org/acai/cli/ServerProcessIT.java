package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code acai server} as a real process: first start hands out the token file; SIGTERM is clean.
 */
class ServerProcessIT {
  @TempDir Path home;

  @Test
  void sigtermStopsServerAndItsEmbeddedPostgres() throws Exception {
    ServerProcess server = ServerProcess.start(home);

    assertThat(server.output).contains("Admin token written to " + home.resolve("admin-token"));
    String token = Files.readString(home.resolve("admin-token")).strip();
    assertThat(server.output).doesNotContain(token);
    Path postmasterPid = home.resolve("pg").resolve("postmaster.pid");
    long postgresPid = Long.parseLong(Files.readAllLines(postmasterPid).get(0).strip());

    server.process.destroy();

    assertThat(server.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ServerProcess.isAlive(postgresPid) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(ServerProcess.isAlive(postgresPid))
        .as("embedded PostgreSQL stopped with the server")
        .isFalse();
    assertThat(postmasterPid).doesNotExist();
  }
}
