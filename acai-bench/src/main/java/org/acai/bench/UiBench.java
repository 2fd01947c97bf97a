package org.acai.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.api.identity.CreateUserResponse;
import org.acai.bench.transfer.Shell;
import org.acai.bench.ui.PageTimer;
import org.acai.bench.ui.UiData;
import org.acai.sdk.ProjectClient;
import org.acai.server.AcaiServer;
import org.acai.server.auth.AdminToken;
import org.acai.server.config.ServerConfig;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

/**
 * Dashboard page times on a large project: fills one project with 100k file versions (50k files of
 * two versions, 20k of them in one directory) and 10k jobs with metadata, signs in as its admin and
 * prints p50/p95 per page (request to last byte over loopback, an upper bound of the server-side
 * render time). Pages this branch does not serve show their 404.
 *
 * <p>Usage: {@code ./bench UiBench [--files=50000] [--jobs=10000] [--runs=100] [--warmup=20]}.
 */
public final class UiBench {
  private UiBench() {}

  /** Runs the benchmark and prints its table. */
  public static void main(String[] args) throws IOException, InterruptedException {
    Map<String, Integer> options =
        new LinkedHashMap<>(Map.of("files", 50_000, "jobs", 10_000, "runs", 100, "warmup", 20));
    for (String arg : args) {
      String[] pair = arg.replaceFirst("^--", "").split("=", 2);
      if (pair.length != 2 || !options.containsKey(pair[0])) {
        throw new IllegalArgumentException("Unknown argument: " + arg);
      }
      options.put(pair[0], Integer.parseInt(pair[1]));
    }
    quietLogs();
    Path home = Files.createTempDirectory("acai-ui-bench");
    ServerConfig config = ServerConfig.fromEnv(Map.of()).withHome(home).withPorts(0, null);
    try (AcaiServer server = AcaiServer.start(config)) {
      run(server, home, options);
    } finally {
      Shell.delete(home);
    }
  }

  private static void run(AcaiServer server, Path home, Map<String, Integer> options)
      throws IOException, InterruptedException {
    String adminToken =
        Files.readString(home.resolve(AdminToken.FILE_NAME), StandardCharsets.UTF_8).strip();
    ProjectClient projects = new ProjectClient(server.url());
    CreateProjectResponse project = projects.createProject("bench", adminToken, "bench-admin");
    CreateUserResponse user =
        projects.createUser("bench", project.projectAdminToken(), "bench-user");
    Jdbi jdbi = server.database().jdbi();
    long projectKey =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery("SELECT id FROM projects WHERE name = 'bench'")
                    .mapTo(Long.class)
                    .one());
    long start = System.nanoTime();
    UiData.files(jdbi, projectKey, project.projectAdminId(), options.get("files"));
    UiData.jobs(
        jdbi,
        projectKey,
        new long[] {project.projectAdminId(), user.userId()},
        options.get("jobs"));
    System.out.printf(
        Locale.ROOT,
        "filled %,d file versions and %,d jobs in %.1f s%n",
        2L * options.get("files"),
        options.get("jobs"),
        (System.nanoTime() - start) / 1e9);
    long midJob =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery("SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY id) FROM jobs")
                    .mapTo(Long.class)
                    .one());
    PageTimer timer = new PageTimer(server.url());
    timer.signIn(project.projectAdminToken());
    System.out.println(
        "| page                               | HTTP |    bytes |  p50 ms |  p95 ms |");
    System.out.println(
        "|------------------------------------|------|----------|---------|---------|");
    int runs = options.get("runs");
    int warmup = options.get("warmup");
    for (Map.Entry<String, String> page : pages(midJob).entrySet()) {
      System.out.println(timer.row(page.getKey(), page.getValue(), warmup, runs));
    }
  }

  private static Map<String, String> pages(long midJob) {
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("jobs, newest", "/ui/jobs");
    pages.put("jobs, page in the middle", "/ui/jobs?before=" + midJob);
    pages.put("jobs, status FAILED", "/ui/jobs?status=FAILED");
    pages.put("jobs, name contains train-99", "/ui/jobs?name=train-99");
    pages.put("jobs, submitter bench-user", "/ui/jobs?submitter=bench-user");
    pages.put("job page", "/ui/jobs/" + midJob);
    pages.put("search jobs tags=nightly", "/ui/search?type=job&k0=tags&c0=value&v0=nightly");
    pages.put(
        "search jobs loss range + max",
        "/ui/search?type=job&k0=loss&c0=range&v0=0.1&e0=0.2&k1=loss&c1=max");
    pages.put("search files tags=golden", "/ui/search?type=file&k0=tags&c0=value&v0=golden");
    pages.put(
        "search files epoch regex sort",
        "/ui/search?type=file&k0=__full_path__&c0=regex&v0=f1.*0%5C.bin&sort=-epoch");
    pages.put("admin", "/ui/admin");
    pages.put("files /big (20k entries)", "/ui/files?path=/big");
    pages.put("file /data/d1/f1.bin", "/ui/file?path=/data/d1/f1.bin");
    pages.put("file sets", "/ui/sets");
    return pages;
  }

  private static void quietLogs() {
    for (String name : new String[] {Logger.ROOT_LOGGER_NAME, "acai.access"}) {
      if (LoggerFactory.getLogger(name) instanceof Logger logger) {
        logger.setLevel(Level.WARN);
      }
    }
    Locale.setDefault(Locale.ROOT);
  }
}
