package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobStatus;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobSpec;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plain user's job attacks the server it runs on, as the attacker did: every attack must
 * come away with nothing, whichever executor runs the job. Subclasses give the server (and thereby
 * the executor) and say whether it isolates jobs here. The commands run under bash (sandbox) and
 * busybox sh (the container test image) alike.
 */
abstract class JobAttackContract {
  static final Duration LIMIT = Duration.ofSeconds(60);

  AcaiClient client;

  /** The server under attack, started once per class. */
  abstract AcaiServerExtension server();

  /** Skips the calling test where this executor cannot isolate jobs on this machine. */
  abstract void assumeIsolated();

  @BeforeEach
  void newProject() {
    client = server().newUser(server().newProject());
  }

  @Test
  void outputSymlinksToTheAdminTokenShadowAndAnotherProjectsBlobAreSkipped() throws IOException {
    byte[] secret = ("project B's secret " + UUID.randomUUID()).getBytes(UTF_8);
    Wire other =
        new Wire(server().endpoint(), server().newUserToken(server().newProject()).userToken());
    other.upload(List.of("/secret.txt"), List.of(secret));
    Path blob = blobHolding(secret).orElseThrow();
    String command =
        String.join(
            "; ",
            "mkdir -p out",
            "ln -s " + server().home().resolve("admin-token") + " out/a",
            "ln -s /etc/shadow out/b",
            "ln -s " + blob + " out/c",
            "ln -s / out/root",
            "mkfifo out/fifo",
            "echo mine > out/real.txt");

    JobInfo job = run(command);

    assertThat(job.jobStatus()).as(client.jobs().log(job.id())).isEqualTo(JobStatus.FINISHED);
    assertThat(client.fileSets().listFileSetContent(job.outputFileSet()).files())
        .containsExactly("/out/real.txt:1");
    assertThat(client.jobs().log(job.id()).lines())
        .filteredOn(line -> line.endsWith("is a symbolic link; skipped"))
        .hasSize(4);
    assertThat(client.jobs().log(job.id()))
        .contains("[acai] output: ./out/fifo is not a regular file (device, FIFO or socket)");
  }

  @Test
  void outputPathThatIsItselfALinkUploadsNothing() {
    JobInfo job = run("ln -s " + server().home() + " out");

    assertThat(job.jobStatus()).isEqualTo(JobStatus.FINISHED);
    assertThat(client.jobs().log(job.id()))
        .contains("[acai] output: ./out is a symbolic link; skipped");
    assertThat(client.files().listDir("/")).isEmpty();
  }

  @Test
  void jobCannotSeeAnotherRunningJobsFiles() {
    assumeIsolated();
    String secret = "secret-" + UUID.randomUUID();
    JobInfo holder =
        client
            .jobs()
            .submit(
                JobSpec.builder()
                    .name("holder")
                    .command("echo " + secret + " > held.txt; sleep 3")
                    .outputPath("out")
                    .build());
    String command =
        String.join(
            "; ",
            "sleep 1",
            "find / -xdev -name held.txt 2>/dev/null",
            "cat /proc/*/root/job/held.txt /proc/*/cwd/held.txt 2>/dev/null",
            "echo searched");

    JobInfo seeker = run(command);
    client.jobs().waitFor(holder.id(), LIMIT);

    assertThat(client.jobs().log(seeker.id())).contains("searched").doesNotContain(secret);
  }

  @Test
  void jobCannotReadTheDataDirTheServersProcessOrItsEnvironment() throws IOException {
    assumeIsolated();
    Path home = server().home();
    String token = Files.readString(home.resolve("admin-token")).trim();
    long serverPid = ProcessHandle.current().pid();
    String command =
        String.join(
            "; ",
            "cat " + home.resolve("admin-token") + " || echo no-token",
            "ls " + home + " || echo no-home",
            "cat /proc/" + serverPid + "/environ || echo no-environ",
            "echo uid=$(id -u)");

    JobInfo job = run(command);
    String log = client.jobs().log(job.id());

    assertThat(log).doesNotContain(token).contains("no-token", "no-home", "no-environ");
    String uid = log.lines().filter(line -> line.startsWith("uid=")).findFirst().orElseThrow();
    assertThat(uid).isNotEqualTo("uid=0").isNotEqualTo("uid=" + ownUid());
  }

  @Test
  void nothingTheJobStartsOutlivesItNotEvenDaemonsOrProcessesLeavingTheirCgroup() {
    assumeIsolated();
    String marker = "acai-attack-" + UUID.randomUUID();
    // "sh -c 'sleep N; : marker'" runs two commands, so the shell stays and shows the marker.
    String command =
        String.join(
            "\n",
            "(setsid sh -c 'sleep 300; : " + marker + "' &)",
            "(nohup sh -c 'sleep 301; : " + marker + "' > /dev/null 2>&1 &)",
            "sh -c 'sleep 302; : " + marker + "' &",
            "echo $$ > /sys/fs/cgroup/pids/tasks 2>/dev/null && echo left-cgroup",
            "sleep 0.5; echo started");

    JobInfo job = run(command);

    assertThat(job.jobStatus()).as(client.jobs().log(job.id())).isEqualTo(JobStatus.FINISHED);
    assertThat(client.jobs().log(job.id())).contains("started").doesNotContain("left-cgroup");
    assertThat(processesNamed(marker)).isEmpty();
  }

  JobInfo run(String command) {
    return run(client, command);
  }

  /** Runs a job with output path {@code out} to its end; its final record. */
  static JobInfo run(AcaiClient client, String command) {
    JobInfo job =
        client
            .jobs()
            .submit(JobSpec.builder().name("attack").command(command).outputPath("out").build());
    client.jobs().waitFor(job.id(), LIMIT);
    return client.jobs().find(job.id());
  }

  private Optional<Path> blobHolding(byte[] content) throws IOException {
    try (Stream<Path> files = Files.walk(server().home().resolve("blobs"))) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> Arrays.equals(read(file), content))
          .findFirst();
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static List<Long> processesNamed(String marker) {
    return ProcessHandle.allProcesses()
        .filter(process -> process.info().commandLine().orElse("").contains(marker))
        .map(ProcessHandle::pid)
        .toList();
  }

  static int ownUid() throws IOException {
    return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
  }
}
