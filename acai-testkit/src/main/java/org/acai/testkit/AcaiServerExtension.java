package org.acai.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.api.identity.CreateUserResponse;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.ProjectClient;
import org.acai.server.AcaiServer;
import org.acai.server.auth.AdminToken;
import org.acai.server.config.ServerConfig;
import org.acai.server.db.DbConfig;
import org.acai.server.job.exec.CommandRunners;
import org.acai.server.job.exec.local.SandboxMode;
import org.jdbi.v3.core.HandleCallback;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real ACAI server for a test class: port 0, a temporary home, and a fresh database in the JVM's
 * shared PostgreSQL (or, with {@link #withEmbeddedDatabase()}, its own embedded one under the home,
 * exactly as {@code acai server} runs). Use as a static {@code @RegisterExtension}.
 */
public final class AcaiServerExtension implements BeforeAllCallback, AfterAllCallback {
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final Map<String, String> env = new HashMap<>();
  private boolean embedded;
  private java.util.function.Supplier<Map<String, String>> lazyEnv = Map::of;
  private Path home;
  private DbConfig db;
  private AcaiServer server;
  private String adminToken;

  /** Uses the server's own embedded PostgreSQL under its home instead of the shared one. */
  public AcaiServerExtension withEmbeddedDatabase() {
    this.embedded = true;
    return this;
  }

  /**
   * Adds environment variables computed when the server starts, e.g. the address of an S3 server
   * that another extension starts first.
   */
  public AcaiServerExtension withEnv(java.util.function.Supplier<Map<String, String>> lazy) {
    this.lazyEnv = lazy;
    return this;
  }

  /** Adds an environment variable to the server's configuration (e.g. blob-store settings). */
  public AcaiServerExtension withEnv(String name, String value) {
    env.put(name, value);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    home = Files.createTempDirectory("acai-test-home");
    db = embedded ? DbConfig.embedded(home.resolve("pg")) : SharedPostgres.newDatabase();
    start();
    adminToken =
        Files.readString(home.resolve(AdminToken.FILE_NAME), StandardCharsets.UTF_8).strip();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    stop();
    TempTrees.delete(home);
  }

  /** Stops and starts the server on the same home and database (the port may change). */
  public void restart() {
    stop();
    start();
  }

  private void start() {
    Map<String, String> serverEnv = new HashMap<>(env);
    serverEnv.putAll(lazyEnv.get());
    serverEnv.put("ACAI_HOME", home.toString());
    // Job tests run commands of this machine's system; a test that wants containers says so.
    serverEnv.putIfAbsent(CommandRunners.ENV, "local");
    if (!serverEnv.containsKey(SandboxMode.ENV) && !JobIsolation.AVAILABLE.get()) {
      serverEnv.put(SandboxMode.ENV, "none");
    }
    ServerConfig fromEnv = ServerConfig.fromEnv(serverEnv);
    ServerConfig config = fromEnv.withPorts(0, fromEnv.tlsPort()).withDb(db);
    server = AcaiServer.start(config);
  }

  private void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** The running server. */
  public AcaiServer server() {
    return server;
  }

  /** Runs {@code callback} on a handle to the server's database: for what no API shows. */
  public <T> T withDatabase(HandleCallback<T, RuntimeException> callback) {
    return server.database().jdbi().withHandle(callback);
  }

  /** The server's base URL. */
  public URI endpoint() {
    return server.url();
  }

  /** The server's data directory. */
  public Path home() {
    return home;
  }

  /** The global admin token, read from the file the server wrote. */
  public String adminToken() {
    return adminToken;
  }

  /** Creates a project with a unique name and returns its administrator. */
  public TestProject newProject() {
    String name =
        "p" + NAMES.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    CreateProjectResponse created =
        new ProjectClient(endpoint()).createProject(name, adminToken, "admin-of-" + name);
    return new TestProject(
        name,
        created.projectAdminId(),
        created.projectAdminToken(),
        AcaiClient.connect(endpoint(), created.projectAdminToken()));
  }

  /** Creates a user in a project and returns a client acting as that user. */
  public AcaiClient newUser(TestProject project) {
    return AcaiClient.connect(endpoint(), newUserToken(project).userToken());
  }

  /** Creates a user in a project and returns its id and token. */
  public CreateUserResponse newUserToken(TestProject project) {
    String user = "u" + NAMES.incrementAndGet();
    return new ProjectClient(endpoint()).createUser(project.name(), project.adminToken(), user);
  }
}
