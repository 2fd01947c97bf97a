package org.acai.bench.transfer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.ProjectClient;

/**
 * {@code acai server} as its own process, as a user runs it: the command line's jar started as the
 * {@code ./acai} launcher starts it ({@code java [ACAI_JAVA_OPTS] -jar acai.jar server}), with its
 * defaults (embedded PostgreSQL, the local blob store) or the blob store its environment names, its
 * home on the benchmark's disk; one project and user signed up. Its JVM is its own: the CPU and
 * peak memory it reports are the server's alone, and neither its JIT nor its heap shares anything
 * with the benchmark's clients and ceilings.
 */
public final class BenchServer implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("ready at (http://\\S+)");

  private final Process process;
  private final Path home;
  private final URI url;
  private final String token;
  private final AcaiClient client;

  private BenchServer(Process process, Path home, URI url, String token) {
    this.process = process;
    this.home = home;
    this.url = url;
    this.token = token;
    this.client = AcaiClient.connect(url, token);
  }

  /**
   * Starts the server of {@code jar} with its home in {@code home}, the settings {@code env} (e.g.
   * an S3 blob store) and the JVM options {@code javaOptions}; its output goes to {@code log}.
   */
  public static BenchServer start(
      Path jar, Path home, Map<String, String> env, List<String> javaOptions, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    command.addAll(
        List.of("-jar", jar.toAbsolutePath().toString(), "server", "--home", home.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.environment().put("ACAI_PORT", "0");
    // One access-log line per request would only fill the log.
    builder.environment().put("ACAI_ACCESS_LOG_LEVEL", "WARN");
    Process process = builder.start();
    try {
      URI url = awaitReady(process, log);
      String adminToken = Files.readString(home.resolve("admin-token")).strip();
      ProjectClient projects = new ProjectClient(url);
      CreateProjectResponse project = projects.createProject("bench", adminToken, "bench-admin");
      String token =
          projects.createUser("bench", project.projectAdminToken(), "bench-user").userToken();
      return new BenchServer(process, home, url, token);
    } catch (IOException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** A client acting as the benchmark's user. */
  public AcaiClient client() {
    return client;
  }

  /** Downloads of this server's files by {@code curl}. */
  public CurlDownload curl(int parallelism) {
    return new CurlDownload(url, token, parallelism);
  }

  /** The CPU of this server's embedded PostgreSQL. */
  public PostgresCpu databaseCpu() {
    return new PostgresCpu(home.resolve("pg"));
  }

  /** The server JVM's process id. */
  public long pid() {
    return process.pid();
  }

  /** The environment in which the CLI acts as the benchmark's user. */
  public Map<String, String> cliEnvironment() {
    return Map.of("ACAI_ENDPOINT", url.toString(), "ACAI_TOKEN", token);
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
        Files.writeString(log, seen.toString());
        drainInto(lines, log);
        return URI.create(ready.group(1));
      }
    }
    Files.writeString(log, seen.toString());
    throw new IOException("The server ended before it was ready; see " + log);
  }

  /** Appends the server's further output to {@code log} until it ends. */
  private static void drainInto(BufferedReader lines, Path log) {
    Thread drain =
        new Thread(
            () -> {
              try (OutputStream out = Files.newOutputStream(log, StandardOpenOption.APPEND)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
              } catch (IOException e) {
                // The server ended.
              }
            },
            "bench-server-output");
    drain.setDaemon(true);
    drain.start();
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
