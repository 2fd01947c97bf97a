package org.acai.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.api.identity.CreateUserResponse;
import org.acai.cli.CliContext;
import org.acai.cli.UserError;
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
  private static final String COMMAND =
      "mkdir -p ./my_output/ && (cat texts/* | bash wordcount.sh ./my_output/)";

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

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    long started = System.nanoTime();
    Quiet.serverLogs();
    List<Path> texts = texts();
    Path dir = home != null ? home : Files.createTempDirectory("acai-demo");
    step("Starting the ACAI server (embedded PostgreSQL, local disk, local jobs) in " + dir);
    ServerConfig config = ServerConfig.fromEnv(context.env()).withHome(dir).withPorts(0, null);
    try (AcaiServer server = AcaiServer.start(config)) {
      step("Server ready at " + server.url());
      DemoSession bob = login(server, dir);
      String fileSet = uploadInputs(bob, texts);
      new DemoJob(bob, context.out()).run(fileSet, COMMAND);
    }
    step(String.format("Done in %.1f s", (System.nanoTime() - started) / 1e9));
    return 0;
  }

  private DemoSession login(AcaiServer server, Path dir) throws IOException {
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
    return new DemoSession(server.url(), user.userToken());
  }

  private String uploadInputs(DemoSession bob, List<Path> texts) throws IOException {
    List<String> remote = new ArrayList<>();
    texts.forEach(text -> remote.add("/texts/" + text.getFileName()));
    List<String> ids = bob.upload(DemoSession.files(texts), remote);
    step("Uploaded " + ids.size() + " texts: " + String.join(", ", ids));
    List<String> code =
        bob.upload(
            List.of(HttpRequest.BodyPublishers.ofByteArray(DemoCorpus.codeZip())),
            List.of("/wordcount.zip"));
    step("Uploaded the word-count code as " + code.get(0));
    JsonNode set =
        bob.api()
            .post(
                "/storage/create_file_set", Map.of("name", "texts", "files", ids), JsonNode.class);
    step(
        "Created file set "
            + set.get("id").asText()
            + " with "
            + set.get("files").size()
            + " files");
    return set.get("id").asText();
  }

  private List<Path> texts() throws IOException {
    Path source = input;
    if (source == null) {
      source = Files.createTempDirectory("acai-demo-corpus");
      DemoCorpus.generate(source, 5, 42);
    } else if (!Files.isDirectory(source)) {
      throw new UserError("Invalid --input: %s is not a directory", source);
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
