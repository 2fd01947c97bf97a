package org.acai.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.api.identity.CreateUserResponse;
import org.acai.cli.CliContext;
import org.acai.cli.UserError;
import org.acai.cli.auth.LoginLink;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.ProjectClient;
import org.acai.server.AcaiServer;
import org.acai.server.auth.AdminToken;
import org.acai.server.config.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code acai demo}: the seed's canonical workflow on embedded defaults — a project and a user, a
 * corpus uploaded as a file set, a word-count job, its output downloaded, its lineage shown.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start a server on embedded defaults in a fresh directory and run the word-count workflow:",
      "upload a corpus as a file set and a code zip, run the job, print the top 10 words and the lineage."
    })
public final class DemoCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(
      names = "--home",
      description = "Data directory for the demo server (default: a new temporary directory).")
  private Path home;

  @Option(
      names = "--input",
      paramLabel = "DIR",
      description = "Count the words of the files in DIR instead of the generated corpus.")
  private Path input;

  @Option(
      names = "--serve",
      description = "Keep the server running after the demo (for the web dashboard) until Ctrl-C.")
  private boolean serve;

  private String bobToken;

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    long started = System.nanoTime();
    Quiet.serverLogs();
    if (input != null && !Files.isDirectory(input)) {
      throw new UserError("Invalid --input: %s is not a directory", input);
    }
    Path dir = home != null ? home : Files.createTempDirectory("acai-demo");
    List<Path> texts = texts(Files.createDirectories(dir.resolve("demo-files")));
    step("Starting the ACAI server (embedded PostgreSQL, local disk) in " + dir);
    DemoJobPlace place = DemoJobPlace.choose(context.env(), this::step);
    ServerConfig config = ServerConfig.fromEnv(place.env()).withHome(dir).withPorts(0, null);
    try (AcaiServer server = AcaiServer.start(config)) {
      step("Server ready at " + server.url());
      AcaiClient bob = login(server, dir);
      new DemoWorkflow(bob, context, place.image()).run(texts, dir.resolve("demo-files"));
      step(
          "Web dashboard, signed in as bob (one-time link, 2 minutes): "
              + LoginLink.create(server.url(), bobToken)
              + (serve ? "" : " (valid while the server runs: add --serve to keep it)"));
      if (serve) {
        step("Serving at " + server.url() + "/ui/ until Ctrl-C");
        new java.util.concurrent.CountDownLatch(1).await();
      }
    }
    step(String.format("Done in %.1f s", (System.nanoTime() - started) / 1e9));
    return 0;
  }

  private AcaiClient login(AcaiServer server, Path dir) throws IOException {
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
    step("Created user bob (user id " + user.userId() + "); the rest runs as bob");
    bobToken = user.userToken();
    return AcaiClient.connect(server.url(), user.userToken());
  }

  private List<Path> texts(Path workDir) throws IOException {
    Path source = input;
    if (source == null) {
      source = workDir.resolve("corpus");
      DemoCorpus.generate(source, 5, 42);
      step("Generated a corpus of 5 texts in " + source);
    }
    try (Stream<Path> files = Files.list(source)) {
      List<Path> texts = files.filter(Files::isRegularFile).sorted().toList();
      if (texts.isEmpty()) {
        throw new UserError("Invalid --input: %s has no files", source);
      }
      return texts;
    }
  }

  private void step(String message) {
    context.out().println("==> " + message);
    context.out().flush();
  }
}
