package org.acai.server.db;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the unpacked PostgreSQL programs. PostgreSQL refuses to run as root, so a server running as
 * root runs them in a new user namespace ({@code unshare -U}), where they are nobody; on the host
 * they keep the server's uid without any capability, so they own what the server owns.
 */
final class PgCommands {
  private static final long TIMEOUT_SECONDS = 120;

  private final Path pgHome;

  PgCommands(Path pgHome) {
    this.pgHome = pgHome;
  }

  /** Runs {@code binary args...}, feeding {@code input} (may be null) on stdin. */
  String run(String binary, String input, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      command.add("unshare");
      command.add("-U");
    }
    command.add(pgHome.resolve("bin").resolve(binary).toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
    Process process = builder.start();
    try (OutputStream stdin = process.getOutputStream()) {
      if (input != null) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }
    String output;
    try (InputStream stdout = process.getInputStream()) {
      output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("Cannot run " + binary + ": no exit after " + TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("Interrupted while running " + binary, e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          "Cannot run " + binary + ": exit " + process.exitValue() + ": " + output.strip());
    }
    return output;
  }
}
