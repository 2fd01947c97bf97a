package org.acai.bench.transfer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.sdk.ProjectClient;

/**
 * {@code ./acai server} as its own process, as a user starts it (embedded PostgreSQL, the local
 * blob store), with {@code ACAI_JAVA_OPTS} for its JVM: its peak resident memory is its own, not
 * the benchmark's (PostgreSQL's processes are not counted).
 */
public final class SeparateServer implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("ready at (http://\\S+)");

  private final Process process;
  private final Map<String, String> cliEnvironment;

  private SeparateServer(Process process, Map<String, String> cliEnvironment) {
    this.process = process;
    this.cliEnvironment = cliEnvironment;
  }

  /** Starts the server of the checkout's {@code launcher} with its home in {@code home}. */
  public static SeparateServer start(Path launcher, Path home, String javaOptions, Path log)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of("bash", launcher.toString(), "server", "--home", home.toString()))
            .redirectErrorStream(true);
    builder.environment().put("ACAI_JAVA_OPTS", javaOptions);
    builder.environment().put("ACAI_PORT", "0");
    builder.environment().put("ACAI_ACCESS_LOG_LEVEL", "WARN");
    Process process = builder.start();
    try {
      URI url = awaitReady(process, log);
      String adminToken = Files.readString(home.resolve("admin-token")).strip();
      ProjectClient projects = new ProjectClient(url);
      CreateProjectResponse project = projects.createProject("alone", adminToken, "alone-admin");
      String token =
          projects.createUser("alone", project.projectAdminToken(), "alone-user").userToken();
      return new SeparateServer(
          process, Map.of("ACAI_ENDPOINT", url.toString(), "ACAI_TOKEN", token));
    } catch (IOException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** The environment in which the CLI acts as this server's user. */
  public Map<String, String> cliEnvironment() {
    return cliEnvironment;
  }

  /** The server JVM's peak resident memory so far, in bytes. */
  public long peakRss() {
    return PeakRss.of(Path.of("/proc", Long.toString(process.pid()), "status"));
  }

  private static URI awaitReady(Process process, Path log) throws IOException {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      seen.append(line).append('\n');
      Matcher ready = READY.matcher(line);
      if (ready.find()) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                  } catch (IOException e) {
                    // The server ended.
                  }
                },
                "separate-server-output");
        drain.setDaemon(true);
        drain.start();
        return URI.create(ready.group(1));
      }
    }
    Files.writeString(log, seen.toString());
    throw new IOException("The server ended before it was ready; see " + log);
  }

  /** Stops the server (SIGTERM: it stops its PostgreSQL too), waiting up to a minute. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
