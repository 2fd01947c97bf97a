package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code acai server} as a real process: first start hands out the token file; SIGTERM is clean.
 */
class ServerProcessIT {
  private static final Pattern READY = Pattern.compile("ACAI server ready at (http://\\S+)");

  @TempDir Path home;

  @Test
  void sigtermStopsServerAndItsEmbeddedPostgres() throws Exception {
    Process server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target", "acai.jar").toAbsolutePath().toString(),
                "server",
                "--port",
                "0",
                "--home",
                home.toString())
            .redirectErrorStream(true)
            .start();
    StringBuilder output = new StringBuilder();
    String url = awaitReady(server, output);

    assertThat(url).as(output.toString()).isNotNull();
    assertThat(output).contains("Admin token written to " + home.resolve("admin-token"));
    String token = Files.readString(home.resolve("admin-token")).strip();
    assertThat(output).doesNotContain(token);
    Path postmasterPid = home.resolve("pg").resolve("postmaster.pid");
    long postgresPid = Long.parseLong(Files.readAllLines(postmasterPid).get(0).strip());

    server.destroy();

    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (isAlive(postgresPid) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(isAlive(postgresPid)).as("embedded PostgreSQL stopped with the server").isFalse();
    assertThat(postmasterPid).doesNotExist();
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static String awaitReady(Process server, StringBuilder output) throws Exception {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String url = null;
    String line;
    while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
      output.append(line).append('\n');
      Matcher ready = READY.matcher(line);
      if (ready.find()) {
        url = ready.group(1);
      }
      if (line.contains("Press Ctrl-C to stop.")) {
        // Keep draining so the server never blocks on a full pipe.
        Thread drain = new Thread(() -> drain(reader));
        drain.setDaemon(true);
        drain.start();
        return url;
      }
    }
    return null;
  }

  private static void drain(BufferedReader reader) {
    try {
      while (reader.readLine() != null) {
        // discard
      }
    } catch (java.io.IOException e) {
      // The process ended and its stream closed.
    }
  }
}
