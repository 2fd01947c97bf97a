package org.acai.testkit.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.acai.server.job.exec.CommandRunner;
import org.acai.server.job.exec.ExitOutcome;
import org.acai.server.job.exec.ExitOutcome.Kind;
import org.acai.server.job.exec.JobRun;
import org.acai.server.job.exec.JobUser;
import org.acai.server.job.exec.JobUsers;
import org.acai.server.job.exec.LineSink;
import org.acai.server.job.exec.RunHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link CommandRunner} must do, whether it runs a sandboxed process or a container.
 * Commands are POSIX sh, so that they run under bash on a host and under busybox's sh in the test
 * image. Subclasses give the runner, the image jobs name, and whether memory limits are enforced.
 */
public abstract class CommandRunnerContract {
  private static final JobUsers USERS = JobUsers.forThisProcess();
  private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 1000);

  @TempDir Path base;
  private Path work;
  private JobUser user;

  /** The runner under test; the same one for every test of the class. */
  protected abstract CommandRunner runner();

  /** The image jobs name, or null. */
  protected abstract String image();

  /** Whether a job past its memory limit is killed as out of memory here. */
  protected abstract boolean enforcesMemory();

  @BeforeEach
  void workDirOfItsOwnUser() throws IOException {
    user = USERS.acquire();
    work = Files.createDirectory(base.resolve("work"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
    if (user.dedicated()) {
      Files.setAttribute(work, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(work, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
    }
  }

  @AfterEach
  void releaseUser() {
    USERS.release(user);
  }

  /** A run of {@code command} in this test's work dir, without limits. */
  protected JobRun run(String command) {
    return run(command, 0, null);
  }

  /** A run with a memory limit and a timeout (0 and null for none). */
  protected JobRun run(String command, long memoryBytes, Duration timeout) {
    return new JobRun(
        IDS.incrementAndGet(),
        work,
        command,
        image(),
        Map.of("ACAI_JOB_ID", "1"),
        memoryBytes,
        0,
        0,
        timeout,
        user);
  }

  /** This test's work dir on the host. */
  protected Path work() {
    return work;
  }

  /** The uid this test's jobs run as. */
  protected JobUser user() {
    return user;
  }

  @Test
  void linesArriveInOrderOnTheirChannelsEvenALastOneWithoutNewline() throws Exception {
    Lines lines = new Lines();
    String command =
        "i=1; while [ $i -le 500 ]; do echo line $i; i=$((i+1)); done; echo oops >&2;"
            + " printf last";

    ExitOutcome outcome = runner().start(run(command), lines).await();

    assertThat(outcome).isEqualTo(ExitOutcome.exited(0));
    List<String> expected = IntStream.rangeClosed(1, 500).mapToObj(i -> "line " + i).toList();
    assertThat(lines.stdout).containsSubsequence(expected).endsWith("last");
    assertThat(lines.stderr).containsExactly("oops");
  }

  @Test
  void nonZeroExitIsReportedWithItsCode() throws Exception {
    ExitOutcome outcome = runner().start(run("echo failing; exit 3"), new Lines()).await();

    assertThat(outcome.kind()).isEqualTo(Kind.EXITED);
    assertThat(outcome.reason()).isEqualTo("exit code 3");
  }

  @Test
  void commandRunsInTheWorkDirAsTheJobsUser() throws Exception {
    Lines lines = new Lines();
    String command =
        "pwd; id -u; echo \"$HOME\"; echo \"$ACAI_JOB_ID\"; mkdir -p out; echo hi > out/a";

    ExitOutcome outcome = runner().start(run(command), lines).await();

    assertThat(outcome.isSuccess()).as("%s %s", outcome, lines.all).isTrue();
    assertThat(lines.stdout).containsExactly("/job", Integer.toString(user.uid()), "/job", "1");
    Path written = work.resolve("out/a");
    assertThat(Files.readString(written, StandardCharsets.UTF_8)).isEqualTo("hi\n");
    assertThat(Files.getAttribute(written, "unix:uid")).isEqualTo(user.uid());
  }

  @Test
  void memoryHogPastItsLimitIsOutOfMemory() throws Exception {
    Assumptions.assumeTrue(enforcesMemory(), "SKIP: memory limits are not enforced here");
    Lines lines = new Lines();
    ExitOutcome outcome =
        runner()
            .start(run("head -c 300000000 /dev/zero | tail; echo survived", 32L << 20, null), lines)
            .await();

    assertThat(outcome.kind()).as("%s %s", outcome, lines.all).isEqualTo(Kind.OUT_OF_MEMORY);
    // The kernel kills the hog, not the shell, which goes on and exits 0: still out of memory, as
    // the engines report it, for the job's output may be cut short.
    assertThat(outcome.reason()).matches("out of memory \\((.* resident, )?limit 32 MiB\\)");
  }

  @Test
  void killEndsTheCommandWithinThreeSeconds() throws Exception {
    Lines lines = new Lines();
    RunHandle handle = runner().start(run("echo started; sleep 600"), lines);
    for (int i = 0; i < 500 && lines.stdout.isEmpty(); i++) {
      Thread.sleep(10);
    }

    long started = System.nanoTime();
    handle.kill();

    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3000);
    assertThat(handle.await()).satisfies(o -> assertThat(o.reason()).isEqualTo("killed"));
    assertThat(handle.await().kind()).isEqualTo(Kind.KILLED);
  }

  @Test
  void runningPastTheTimeoutIsTimedOut() throws Exception {
    long started = System.nanoTime();
    ExitOutcome outcome =
        runner().start(run("sleep 600", 0, Duration.ofSeconds(1)), new Lines()).await();

    assertThat(outcome.kind()).isEqualTo(Kind.TIMED_OUT);
    assertThat(outcome.reason()).isEqualTo("timeout after 1s");
    assertThat((System.nanoTime() - started) / 1_000_000).isBetween(1000L, 5000L);
  }

  /** Collects lines as they arrive; the runner's own {@code [acai]} notes only in {@link #all}. */
  protected static final class Lines implements LineSink {
    /** Standard output, in order. */
    public final List<String> stdout = new CopyOnWriteArrayList<>();

    /** Standard error, in order. */
    public final List<String> stderr = new CopyOnWriteArrayList<>();

    /** Both, in the order received. */
    public final List<String> all = new CopyOnWriteArrayList<>();

    /** An empty collector. */
    public Lines() {}

    @Override
    public void line(Channel channel, String text) {
      all.add(text);
      if (!text.startsWith("[acai] ")) {
        (channel == Channel.STDOUT ? stdout : stderr).add(text);
      }
    }
  }
}
