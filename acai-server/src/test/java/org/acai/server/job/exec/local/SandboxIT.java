package org.acai.server.job.exec.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.acai.server.job.exec.ExitOutcome;
import org.acai.server.job.exec.ExitOutcome.Kind;
import org.acai.server.job.exec.LineSink;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How jobs end, in the sandbox this machine offers and in the plain fallback. */
class SandboxIT {
  @TempDir Path work;

  static Stream<Sandbox> sandboxes() {
    return Sandboxes.both();
  }

  @ParameterizedTest
  @MethodSource("sandboxes")
  void linesArriveInOrderTaggedByChannel(Sandbox sandbox) throws Exception {
    Sandboxes.Lines lines = new Sandboxes.Lines();
    String command = "for i in $(seq 1 2000); do echo line $i; done; echo oops >&2; printf last";
    ExitOutcome outcome = sandbox.start(spec(command), lines).await();

    assertThat(outcome).isEqualTo(new ExitOutcome(Kind.EXITED, 0, "exit code 0"));
    List<String> expected = IntStream.rangeClosed(1, 2000).mapToObj(i -> "line " + i).toList();
    assertThat(lines.stdout).hasSize(2001).startsWith(expected.toArray(String[]::new));
    assertThat(lines.stdout).last().isEqualTo("last");
    assertThat(lines.stderr).containsExactly("oops");
  }

  @ParameterizedTest
  @MethodSource("sandboxes")
  void nonZeroExitIsReportedWithItsCode(Sandbox sandbox) throws Exception {
    ExitOutcome outcome =
        sandbox.start(spec("echo failing; exit 3"), new Sandboxes.Lines()).await();

    assertThat(outcome.kind()).isEqualTo(Kind.EXITED);
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.reason()).isEqualTo("exit code 3");
    assertThat(outcome.isSuccess()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("sandboxes")
  void signalDeathIsSignaled(Sandbox sandbox) throws Exception {
    ExitOutcome outcome = sandbox.start(spec("kill -SEGV $$"), new Sandboxes.Lines()).await();

    assertThat(outcome.kind()).isEqualTo(Kind.SIGNALED);
    assertThat(outcome.reason()).isEqualTo("killed by signal 11 (SIGSEGV)");
  }

  /** Every way memory is limited here: cgroups where they work, the server's measurement else. */
  static Stream<Sandbox> memoryLimits() {
    return Sandboxes.withAndWithoutCgroups();
  }

  @ParameterizedTest
  @MethodSource("memoryLimits")
  void memoryHogPastItsLimitFails(Sandbox sandbox) throws Exception {
    String hog = "x=$(head -c 100000000 /dev/zero | tr '\\0' a); sleep 1; echo ${#x}";
    Sandboxes.Lines lines = new Sandboxes.Lines();
    ExitOutcome outcome = sandbox.start(spec(hog).withMemoryBytes(64L << 20), lines).await();

    assertThat(outcome.kind()).as("%s %s", outcome, lines.all).isEqualTo(Kind.OUT_OF_MEMORY);
    if (sandbox.hasMemoryCgroup()) {
      assertThat(outcome.reason()).isEqualTo("out of memory (limit 64 MiB)");
      assertThat(lines.stdout)
          .containsExactly(
              "[acai] memory limit 64 MiB, swap included, enforced by the kernel's "
                  + sandbox.describe().split(" \\+ ")[1]
                  + ": a job above it is ended as out of memory");
    } else {
      assertThat(outcome.reason())
          .matches("out of memory \\([\\d.]+ MiB resident, limit 64 MiB\\)");
      assertThat(lines.stdout).containsExactly(MemoryWatch.describe(64L << 20));
    }
  }

  @ParameterizedTest
  @MethodSource("memoryLimits")
  void sameHogFitsUnderAHigherLimit(Sandbox sandbox) throws Exception {
    String hog = "x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo ${#x}";
    Sandboxes.Lines lines = new Sandboxes.Lines();
    ExitOutcome outcome = sandbox.start(spec(hog).withMemoryBytes(2L << 30), lines).await();

    assertThat(outcome.isSuccess()).as("%s %s", outcome, lines.all).isTrue();
    assertThat(lines.stdout).last().isEqualTo("100000000");
  }

  /**
   * A JVM reserves gigabytes of address space and touches a few dozen MiB: a limit on address space
   * (what rlimits offer) would not let it start under 256 MiB; a limit on resident memory does.
   */
  @ParameterizedTest
  @MethodSource("memoryLimits")
  void programThatReservesMuchMoreThanItUsesRunsWithinItsLimit(Sandbox sandbox) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Assumptions.assumeTrue(
        !sandbox.isIsolated() || java.startsWith("/usr/") || java.startsWith("/opt/"),
        "SKIP: this JVM lives outside what sandboxed jobs see (/usr, /opt): " + java);
    Sandboxes.Lines lines = new Sandboxes.Lines();
    String command = java + " -Xshare:auto -XX:+UseSerialGC -Xmx32m -version";
    ExitOutcome outcome = sandbox.start(spec(command).withMemoryBytes(256L << 20), lines).await();

    assertThat(outcome.isSuccess()).as("%s %s", outcome, lines.all).isTrue();
    assertThat(lines.stderr).anyMatch(line -> line.contains("version"));
  }

  @ParameterizedTest
  @MethodSource("sandboxes")
  void killEndsTheWholeTreeWithinTwoSeconds(Sandbox sandbox) throws Exception {
    String marker = marker();
    RunningProcess running =
        sandbox.start(
            spec("sleep " + marker + " & sleep " + marker + "; wait"), new Sandboxes.Lines());
    awaitProcesses(marker, 2);

    long started = System.nanoTime();
    running.kill();
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(millis).isLessThan(2000);
    assertThat(running.poll()).hasValueSatisfying(o -> assertThat(o.kind()).isEqualTo(Kind.KILLED));
    assertThat(running.await().reason()).isEqualTo("killed");
    assertThat(processesWith(marker)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("sandboxes")
  void killEscalatesToSigkillWhenSigtermIsIgnored(Sandbox sandbox) throws Exception {
    String marker = marker();
    String command = "trap '' TERM; sleep " + marker + " & sleep " + marker + "; wait";
    RunningProcess running = sandbox.start(spec(command), new Sandboxes.Lines());
    awaitProcesses(marker, 2);

    long started = System.nanoTime();
    running.kill();
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(millis).isBetween(900L, 2000L);
    assertThat(running.await().kind()).isEqualTo(Kind.KILLED);
    assertThat(processesWith(marker)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("sandboxes")
  void backgroundProcessesDoNotOutliveTheirJob(Sandbox sandbox) throws Exception {
    String marker = marker();
    String command = "(sleep " + marker + " > /dev/null 2>&1 &); echo started";
    ExitOutcome outcome = sandbox.start(spec(command), new Sandboxes.Lines()).await();

    assertThat(outcome.isSuccess()).isTrue();
    assertThat(processesWith(marker)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("sandboxes")
  void runningPastTheTimeoutIsTimedOut(Sandbox sandbox) throws Exception {
    String marker = marker();
    SandboxSpec spec = spec("sleep " + marker).withTimeout(Duration.ofMillis(500));
    long started = System.nanoTime();
    ExitOutcome outcome = sandbox.start(spec, new Sandboxes.Lines()).await();

    assertThat(outcome.kind()).isEqualTo(Kind.TIMED_OUT);
    assertThat(outcome.reason()).isEqualTo("timeout after 0.5s");
    assertThat((System.nanoTime() - started) / 1_000_000).isBetween(500L, 2500L);
    assertThat(processesWith(marker)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("sandboxes")
  void binaryOutputAndHugeLinesArriveInPieces(Sandbox sandbox) throws Exception {
    Sandboxes.Lines lines = new Sandboxes.Lines();
    String command = "head -c 300000 /dev/urandom; echo; head -c 200000 /dev/zero | tr '\\0' b";
    ExitOutcome outcome = sandbox.start(spec(command), lines).await();

    assertThat(outcome.isSuccess()).isTrue();
    assertThat(lines.stdout).last().isEqualTo("b".repeat(200000 - 3 * LineSink.MAX_LINE_BYTES));
    assertThat(lines.stdout).allMatch(line -> line.indexOf('\0') < 0);
  }

  @Test
  void jobGetsMemoryAndCpuCgroupsOfItsOwnOnlyForItsLimits() throws Exception {
    Sandbox sandbox = Sandboxes.runnable();
    Assumptions.assumeTrue(sandbox.hasMemoryCgroup(), "SKIP: no writable memory cgroup here");
    SandboxSpec plain = spec("cat /proc/self/cgroup");
    SandboxSpec limited =
        spec("cat /proc/self/cgroup").withMemoryBytes(256L << 20).withCpuMillis(500);
    Path thread = Path.of("/proc/thread-self/cgroup");
    String before = Files.readString(thread);

    List<String> plainGroups = cgroupsOf(sandbox, plain);
    List<String> limitedGroups = cgroupsOf(sandbox, limited);

    String own = "/" + plain.name();
    assertThat(controller("pids", plainGroups)).endsWith(own);
    assertThat(controller("memory", plainGroups)).doesNotContain("/acai/");
    assertThat(controller("cpu", plainGroups)).doesNotContain("/acai/");
    for (String name : List.of("pids", "memory", "cpu")) {
      assertThat(controller(name, limitedGroups)).endsWith("/" + limited.name());
    }
    // The thread that started the jobs went back to where it was.
    assertThat(Files.readString(thread)).isEqualTo(before);
  }

  private static String controller(String name, List<String> lines) {
    return lines.stream()
        .filter(line -> List.of(line.split(":", 3)[1].split(",")).contains(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void twoServersRunTheirJobsOfTheSameNameSideBySide() throws Exception {
    SandboxMode mode = Sandboxes.runnable().isIsolated() ? SandboxMode.AUTO : SandboxMode.NONE;
    Sandbox first = Sandbox.detect(mode);
    Sandbox second = Sandbox.detect(mode);
    SandboxSpec spec = spec("sleep 0.3");

    RunningProcess one = first.start(spec, new Sandboxes.Lines());
    RunningProcess other = second.start(spec, new Sandboxes.Lines());

    assertThat(one.await().isSuccess()).isTrue();
    assertThat(other.await().isSuccess()).isTrue();
    first.release();
    second.release();
  }

  @Test
  void processesLeftInTheCgroupOfAServerThatIsGoneAreKilledByTheNextOne() throws Exception {
    CgroupV1 cgroups = CgroupV1.probe();
    Path base = cgroups.bases().get("pids");
    Assumptions.assumeTrue(base != null, "SKIP: no writable pids cgroup here");
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Path instance = base.resolveSibling("server-" + ended.pid() + "-gone0000");
    Path group = instance.resolve("job-1");
    Files.createDirectories(group);
    Process orphan = new ProcessBuilder("sleep", "600").start();
    Files.writeString(group.resolve("cgroup.procs"), Long.toString(orphan.pid()));

    CgroupV1 next = CgroupV1.probe();

    assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(instance).doesNotExist();
    cgroups.release();
    next.release();
  }

  /** The lines of /proc/self/cgroup that put the job in a cgroup of its own. */
  private static List<String> cgroupsOf(Sandbox sandbox, SandboxSpec spec) throws Exception {
    Sandboxes.Lines lines = new Sandboxes.Lines();
    assertThat(sandbox.start(spec, lines).await().isSuccess()).as("%s", lines.all).isTrue();
    return List.copyOf(lines.stdout);
  }

  private SandboxSpec spec(String command) {
    return SandboxSpec.of(work, command, "it-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /** A sleep duration no other process on this machine uses, to find the job's processes. */
  private static String marker() {
    return "1000." + (System.nanoTime() % 1_000_000_000L);
  }

  static List<ProcessHandle> processesWith(String marker) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(marker))
        .toList();
  }

  private static List<ProcessHandle> sleepers(String marker) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().orElse("").endsWith("/sleep"))
        .filter(p -> p.info().commandLine().orElse("").endsWith(" " + marker))
        .toList();
  }

  private static void awaitProcesses(String marker, int count) throws InterruptedException {
    for (int i = 0; i < 500 && sleepers(marker).size() < count; i++) {
      Thread.sleep(10);
    }
    assertThat(sleepers(marker)).hasSize(count);
  }
}
