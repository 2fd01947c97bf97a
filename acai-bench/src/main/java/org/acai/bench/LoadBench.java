package org.acai.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.bench.job.Table;
import org.acai.bench.load.LoadRun;
import org.acai.sdk.ProjectClient;
import org.acai.server.AcaiServer;
import org.acai.server.auth.AdminToken;
import org.acai.server.config.ServerConfig;
import org.slf4j.LoggerFactory;

/**
 * Load on embedded defaults over loopback: {@code clients} users (50 by default), each a thread
 * running a mix of uploads, downloads, listings, metadata updates and queries, job submissions and
 * log reads for {@code seconds} (60); then the same beside one more user hammering the slow paths
 * (regex metadata queries and log long-polls), whose effect on the others' p99 is the ratio to
 * watch (target within 2x). Prints p50/p99 per operation, errors, operations per second, the
 * server's RSS and its database connections sampled every second.
 *
 * <p>Usage: {@code LoadBench [clients] [seconds]}.
 */
public final class LoadBench {
  private LoadBench() {}

  /** Runs the benchmark and prints its table. */
  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    Duration length = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 60);
    for (String name : new String[] {Logger.ROOT_LOGGER_NAME, "acai.access"}) {
      if (LoggerFactory.getLogger(name) instanceof Logger logger) {
        logger.setLevel(Level.WARN);
      }
    }
    Path home = Files.createTempDirectory("acai-load-bench");
    ServerConfig config =
        ServerConfig.fromEnv(Map.of("ACAI_EXECUTOR", "local")).withHome(home).withPorts(0, null);
    try (AcaiServer server = AcaiServer.start(config)) {
      List<String> tokens = tokens(server, home, clients + 1);
      Table table =
          new Table(
              "Load: "
                  + clients
                  + " clients for "
                  + length.toSeconds()
                  + " s each phase, embedded defaults, loopback");
      LoadRun.run(server, tokens, home.resolve("scratch"), length, table);
      table.print(System.out);
    }
  }

  private static List<String> tokens(AcaiServer server, Path home, int count) throws IOException {
    String admin =
        Files.readString(home.resolve(AdminToken.FILE_NAME), StandardCharsets.UTF_8).strip();
    ProjectClient projects = new ProjectClient(server.url());
    CreateProjectResponse project = projects.createProject("load", admin, "load-admin");
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tokens.add(projects.createUser("load", project.projectAdminToken(), "u" + i).userToken());
    }
    return tokens;
  }
}
