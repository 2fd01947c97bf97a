package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobStatus;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobSpec;
import org.acai.sdk.ProjectClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code acai server} run by an unprivileged user ({@code nobody}, through {@code setpriv}): jobs
 * cannot switch uids there, so they run under bubblewrap in a user namespace, and must still see
 * nothing of the server — its data dir, its process, its environment. Needs root (to become nobody)
 * and bubblewrap that works unprivileged; prints a SKIP line otherwise.
 */
class NonRootServerIT {
  private static final int NOBODY = 65534;
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private static Path base;
  private static Path home;
  private static ServerProcess server;
  private static AcaiClient client;

  @BeforeAll
  static void startAsNobody() throws Exception {
    String skip = unprivilegedBubblewrapMissing();
    if (skip != null) {
      System.out.println(skip);
    }
    Assumptions.assumeTrue(skip == null, skip);
    base = Files.createTempDirectory("acai-nonroot");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path jar = Files.copy(ServerProcess.JAR, base.resolve("acai.jar"));
    Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    Path userHome = Files.createDirectory(base.resolve("nobody-home"));
    Files.setAttribute(userHome, "unix:uid", NOBODY);
    home = userHome.resolve("server");
    server =
        ServerProcess.start(
            List.of(
                "setpriv",
                "--reuid=" + NOBODY,
                "--regid=" + NOBODY,
                "--clear-groups",
                "--inh-caps=-all"),
            jar,
            home,
            Map.of("HOME", userHome.toString(), "ACAI_SECRET_PROBE", "server-env-secret"));
    String admin = Files.readString(home.resolve("admin-token")).strip();
    ProjectClient projects = new ProjectClient(URI.create(server.url));
    CreateProjectResponse project = projects.createProject("nonroot", admin, "alice");
    String token = projects.createUser("nonroot", project.projectAdminToken(), "bob").userToken();
    client = AcaiClient.connect(URI.create(server.url), token);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.process.destroy();
      server.process.waitFor(30, TimeUnit.SECONDS);
    }
    if (base != null) {
      new ProcessBuilder("rm", "-rf", base.toString()).start().waitFor();
    }
  }

  @Test
  void serverRunsAsNobodyWithJobsInBubblewrap() throws IOException {
    assertThat(Files.getAttribute(home.resolve("admin-token"), "unix:uid")).isEqualTo(NOBODY);
    assertThat(server.output).contains("Job sandbox: bubblewrap");
  }

  @Test
  void jobSeesNothingOfTheServerItsDataOrItsEnvironment() throws IOException {
    String token = Files.readString(home.resolve("admin-token")).strip();
    long pid = server.process.pid();
    String command =
        String.join(
            "; ",
            "cat " + home.resolve("admin-token") + " || echo no-token",
            "ls " + home + " || echo no-home",
            "cat /proc/" + pid + "/environ || echo no-environ",
            "mkdir -p out",
            "ln -s " + home.resolve("admin-token") + " out/token",
            "echo mine > out/mine.txt");

    JobInfo job = run(command);

    String log = client.jobs().log(job.id());
    assertThat(job.jobStatus()).as(log).isEqualTo(JobStatus.FINISHED);
    assertThat(log)
        .contains("no-token", "no-home", "no-environ")
        .contains("[acai] output: ./out/token is a symbolic link; skipped")
        .doesNotContain(token, "server-env-secret");
    assertThat(client.fileSets().listFileSetContent(job.outputFileSet()).files())
        .containsExactly("/out/mine.txt:1");
  }

  private static JobInfo run(String command) {
    JobInfo job =
        client
            .jobs()
            .submit(JobSpec.builder().name("probe").command(command).outputPath("out").build());
    client.jobs().waitFor(job.id(), LIMIT);
    return client.jobs().find(job.id());
  }

  /** Why this machine cannot run the test, or null. */
  private static String unprivilegedBubblewrapMissing() throws IOException, InterruptedException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "SKIP: NonRootServerIT needs root (to start the server as nobody)";
    }
    if (!Files.isExecutable(Path.of("/usr/bin/bwrap"))) {
      return "SKIP: no bubblewrap (apt-get install -y bubblewrap)";
    }
    Process probe =
        new ProcessBuilder(
                "setpriv",
                "--reuid=" + NOBODY,
                "--regid=" + NOBODY,
                "--clear-groups",
                "bwrap",
                "--unshare-user",
                "--ro-bind",
                "/",
                "/",
                "true")
            .redirectErrorStream(true)
            .start();
    String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return probe.waitFor() == 0
        ? null
        : "SKIP: bubblewrap does not work unprivileged here (user namespaces off?): " + output;
  }
}
