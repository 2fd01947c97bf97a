package org.acai.bench.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.api.identity.CreateUserResponse;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.ProjectClient;
import org.acai.server.AcaiServer;
import org.acai.server.auth.AdminToken;
import org.acai.server.config.ServerConfig;

/**
 * A real ACAI server in-process, configured as {@code acai server} runs by default: embedded
 * PostgreSQL and the local blob store, both under a home directory on the benchmark's disk.
 */
public final class BenchServer implements AutoCloseable {
  private final AcaiServer server;
  private final AcaiClient client;
  private final String token;

  private BenchServer(AcaiServer server, AcaiClient client, String token) {
    this.server = server;
    this.client = client;
    this.token = token;
  }

  /** Starts a server with its home in {@code home} and signs up one user. */
  public static BenchServer start(Path home) throws IOException {
    return start(home, Map.of());
  }

  /** Starts a server as {@link #start(Path)} with more settings, e.g. an S3 blob store. */
  public static BenchServer start(Path home, Map<String, String> env) throws IOException {
    Map<String, String> settings = new HashMap<>(env);
    settings.put("ACAI_HOME", home.toString());
    ServerConfig config = ServerConfig.fromEnv(settings).withPorts(0, null);
    AcaiServer server = AcaiServer.start(config);
    String adminToken =
        Files.readString(home.resolve(AdminToken.FILE_NAME), StandardCharsets.UTF_8).strip();
    ProjectClient projects = new ProjectClient(server.url());
    CreateProjectResponse project = projects.createProject("bench", adminToken, "bench-admin");
    CreateUserResponse user =
        projects.createUser("bench", project.projectAdminToken(), "bench-user");
    return new BenchServer(
        server, AcaiClient.connect(server.url(), user.userToken()), user.userToken());
  }

  /** A client acting as the benchmark's user. */
  public AcaiClient client() {
    return client;
  }

  /** Downloads of this server's files by {@code curl}. */
  public CurlDownload curl(int parallelism) {
    return new CurlDownload(server.url(), token, parallelism);
  }

  /** The CPU of this server's embedded PostgreSQL. */
  public PostgresCpu databaseCpu() {
    return new PostgresCpu(server.home().resolve("pg"));
  }

  /** The environment in which the CLI acts as the benchmark's user. */
  public Map<String, String> cliEnvironment() {
    return Map.of("ACAI_ENDPOINT", server.url().toString(), "ACAI_TOKEN", token);
  }

  @Override
  public void close() {
    server.close();
  }
}
