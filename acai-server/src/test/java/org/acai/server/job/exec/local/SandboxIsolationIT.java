package org.acai.server.job.exec.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.acai.server.job.exec.ExitOutcome;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What a job can see and touch, and the limits it runs under. */
class SandboxIsolationIT {
  @TempDir Path work;

  static Stream<Sandbox> sandboxes() {
    return Sandboxes.both();
  }

  @Test
  void onlyTheWorkDirIsWritableUnderBubblewrap() throws Exception {
    Sandbox sandbox = Sandboxes.isolated();
    String home = System.getProperty("user.home");
    String name = "acai-" + UUID.randomUUID();
    String command =
        String.join(
            "; ",
            "touch /etc/" + name + " && echo etc-written",
            "touch " + home + "/" + name + " && echo home-written",
            "echo private > /tmp/" + name + " && echo tmp-written",
            "echo result > out.txt && echo work-written");
    Sandboxes.Lines lines = new Sandboxes.Lines();
    ExitOutcome outcome = sandbox.start(spec(command), lines).await();

    assertThat(outcome.isSuccess()).isTrue();
    assertThat(lines.stdout).containsExactly("tmp-written", "work-written");
    // The system is read-only, and the home directories are not there at all.
    assertThat(lines.stderr)
        .hasSize(2)
        .anyMatch(line -> line.contains("/etc/" + name + "': Read-only file system"))
        .anyMatch(line -> line.contains(home + "/" + name + "': No such file or directory"));
    assertThat(Path.of("/etc", name)).doesNotExist();
    assertThat(Path.of(home, name)).doesNotExist();
    assertThat(Path.of("/tmp", name)).doesNotExist();
    assertThat(work.resolve("out.txt")).hasContent("result");
  }

  @Test
  void jobSeesOnlyItsOwnProcessesUnderBubblewrap() throws Exception {
    Sandbox sandbox = Sandboxes.isolated();
    Sandboxes.Lines lines = new Sandboxes.Lines();
    ExitOutcome outcome = sandbox.start(spec("ls /proc | grep -c '^[0-9]'"), lines).await();

    assertThat(outcome.isSuccess()).isTrue();
    // bwrap's init, bash and ls (or grep): a handful, not the machine's hundreds.
    assertThat(Integer.parseInt(lines.stdout.get(0))).isLessThan(6);
  }

  @ParameterizedTest
  @MethodSource("sandboxes")
  void environmentIsPassedAndNothingElseLeaks(Sandbox sandbox) throws Exception {
    Sandboxes.Lines lines = new Sandboxes.Lines();
    SandboxSpec spec = spec("env | cut -d= -f1 | sort; echo \"$GREETING\"; echo \"$HOME\"");
    ExitOutcome outcome =
        sandbox.start(spec.withEnv(Map.of("GREETING", "hello world")), lines).await();

    assertThat(outcome.isSuccess()).isTrue();
    List<String> allowed =
        new ArrayList<>(
            List.of("GREETING", "HOME", "LANG", "OLDPWD", "PATH", "PWD", "SHLVL", "TMPDIR", "_"));
    if (!sandbox.isIsolated()) {
      // Names its server, so that the next one can end it if this one is killed (PlainOrphans).
      allowed.add(PlainOrphans.ENV);
    }
    assertThat(lines.stdout.subList(0, lines.stdout.size() - 2)).isSubsetOf(allowed);
    assertThat(lines.stdout.subList(lines.stdout.size() - 2, lines.stdout.size()))
        .containsExactly(
            "hello world", sandbox.isIsolated() ? "/job" : work.toRealPath().toString());
  }

  @Test
  void jobRunsInsideItsCgroupsWithLimitsWrittenAndTheyAreRemovedAfterwards() throws Exception {
    Sandbox sandbox = Sandboxes.runnable();
    String skip = "SKIP: cgroup v1 memory, pids and cpu controllers are not writable here";
    boolean usable = sandbox.describe().contains("cgroup v1 (memory, pids, cpu)");
    if (!usable) {
      System.out.println(skip);
    }
    Assumptions.assumeTrue(usable, skip);
    // The job names its cgroups, then waits while they are read from outside (a job has no /sys).
    String command =
        "(for c in memory pids cpu; do echo /sys/fs/cgroup/$c$(awk -F: -v c=$c "
            + "'{ n = split($2, a, \",\"); for (i = 1; i <= n; i++) if (a[i] == c) print $3 }' "
            + "/proc/self/cgroup); done) > dirs.tmp && mv dirs.tmp dirs;"
            + " while [ ! -e go ]; do sleep 0.02; done";
    SandboxSpec spec = spec(command).withMemoryBytes(256L << 20).withMaxPids(77).withCpuMillis(250);
    Sandboxes.Lines lines = new Sandboxes.Lines();
    RunningProcess process = sandbox.start(spec, lines);
    Path dirsFile = work.resolve("dirs");
    for (int i = 0; i < 500 && !Files.exists(dirsFile); i++) {
      Thread.sleep(10);
    }
    List<String> dirs = Files.readAllLines(dirsFile);
    List<String> limits = new ArrayList<>();
    for (String file : List.of("memory.limit_in_bytes", "pids.max", "cpu.cfs_quota_us")) {
      limits.add(Files.readString(Path.of(dirs.get(limits.size()), file)).trim());
    }
    Files.writeString(work.resolve("go"), "");
    ExitOutcome outcome = process.await();

    assertThat(outcome.isSuccess()).as("%s %s", outcome, lines.all).isTrue();
    assertThat(limits).containsExactly("268435456", "77", "25000");
    assertThat(dirs).allMatch(dir -> dir.matches(".*/acai/server-\\d+-\\w+/" + spec.name()));
    // Removed right after the outcome is reported, once the kernel has torn the job down.
    for (int i = 0; i < 200 && dirs.stream().anyMatch(dir -> Files.exists(Path.of(dir))); i++) {
      Thread.sleep(10);
    }
    assertThat(dirs).allMatch(dir -> !Files.exists(Path.of(dir)));
  }

  private SandboxSpec spec(String command) {
    return SandboxSpec.of(work, command, "it-" + UUID.randomUUID().toString().substring(0, 8));
  }
}
