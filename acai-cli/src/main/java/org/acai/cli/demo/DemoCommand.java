package org.acai.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.api.identity.CreateUserResponse;
import org.acai.api.identity.Identity;
import org.acai.cli.CliContext;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.ProjectClient;
import org.acai.server.AcaiServer;
import org.acai.server.auth.AdminToken;
import org.acai.server.config.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code acai demo}: starts everything on embedded defaults and runs the main workflow. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start a server on embedded defaults in a fresh directory and run the ACAI workflow end to end.")
public final class DemoCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(
      names = "--home",
      description = "Data directory for the demo server (default: a new temporary directory).")
  private Path home;

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    long started = System.nanoTime();
    Quiet.serverLogs();
    Path dir = home != null ? home : Files.createTempDirectory("acai-demo");
    step("Starting the ACAI server (embedded PostgreSQL, local disk) in " + dir);
    ServerConfig config = ServerConfig.fromEnv(context.env()).withHome(dir).withPorts(0, null);
    try (AcaiServer server = AcaiServer.start(config)) {
      step("Server ready at " + server.url());
      String adminToken =
          Files.readString(dir.resolve(AdminToken.FILE_NAME), StandardCharsets.UTF_8).strip();
      ProjectClient projects = new ProjectClient(server.url());
      String project = "demo-" + Long.toHexString(System.currentTimeMillis());
      CreateProjectResponse created = projects.createProject(project, adminToken, "alice");
      step(
          "Created project "
              + project
              + " with project admin alice (user id "
              + created.projectAdminId()
              + ")");
      CreateUserResponse user = projects.createUser(project, created.projectAdminToken(), "bob");
      step("Created user bob (user id " + user.userId() + ")");
      AcaiClient bob = AcaiClient.connect(server.url(), user.userToken());
      Identity identity = bob.whoami();
      step(
          "whoami: user "
              + identity.userName()
              + ", project "
              + identity.projectId()
              + ", role "
              + identity.role().wireName());
    }
    step(String.format("Done in %.1f s", (System.nanoTime() - started) / 1e9));
    return 0;
  }

  private void step(String message) {
    context.out().println("==> " + message);
    context.out().flush();
  }
}
