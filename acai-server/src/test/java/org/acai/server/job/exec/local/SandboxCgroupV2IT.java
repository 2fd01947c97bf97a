package org.acai.server.job.exec.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.acai.server.job.exec.ExitOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs in cgroup v2 ({@code ACAI_CGROUP=v2}): where the host's unified hierarchy has no controllers
 * (v1 holds them, as on hybrid hosts), jobs still get a cgroup of their own whose {@code
 * cgroup.kill} ends everything they started; limits are checked where the controllers exist.
 */
class SandboxCgroupV2IT {
  private static final String NO_V2 = "SKIP: no writable cgroup v2 hierarchy here";
  private static Sandbox plain;
  private static Sandbox isolated;

  @TempDir Path work;

  @BeforeAll
  static void probe() {
    plain = Sandbox.detect(SandboxMode.NONE, Map.of(CgroupChoice.ENV, "v2"));
    isolated = Sandbox.detect(SandboxMode.AUTO, Map.of(CgroupChoice.ENV, "v2"));
  }

  @AfterAll
  static void release() {
    plain.release();
    isolated.release();
  }

  @Test
  void jobStartsInItsOwnV2CgroupWhichIsRemovedAfterwards() throws Exception {
    Sandbox sandbox = usable(isolated.isIsolated() ? isolated : plain);
    Sandboxes.Lines lines = new Sandboxes.Lines();
    SandboxSpec spec = spec("grep '^0::' /proc/self/cgroup");

    ExitOutcome outcome = sandbox.start(spec, lines).await();

    assertThat(outcome.isSuccess()).as("%s %s", outcome, lines.all).isTrue();
    String group = lines.stdout.get(0).substring(3);
    assertThat(group).matches(".*/acai/server-\\d+-\\w+/" + spec.name());
    Path dir = Path.of("/sys/fs/cgroup/unified" + group);
    for (int i = 0; i < 200 && dir.toFile().exists(); i++) {
      Thread.sleep(10);
    }
    assertThat(dir).doesNotExist();
  }

  @Test
  void aDaemonOfAPlainJobDiesWithIt() throws Exception {
    Sandbox sandbox = usable(plain);
    String marker = "acai-v2-" + UUID.randomUUID();
    Sandboxes.Lines lines = new Sandboxes.Lines();
    String command = "(setsid bash -c 'exec -a " + marker + " sleep 300' &); echo started";

    ExitOutcome outcome = sandbox.start(spec(command), lines).await();

    assertThat(outcome.isSuccess()).isTrue();
    assertThat(lines.stdout).containsExactly("started");
    assertThat(SandboxIT.processesWith(marker)).isEmpty();
  }

  @Test
  void memoryLimitIsAnOutOfMemoryKill() throws Exception {
    Sandbox sandbox = usable(plain);
    String skip = "SKIP: cgroup v2 has no memory controller here (cgroup v1 holds it)";
    if (!sandbox.hasMemoryCgroup()) {
      System.out.println(skip);
    }
    Assumptions.assumeTrue(sandbox.hasMemoryCgroup(), skip);
    SandboxSpec spec =
        spec("head -c 200000000 /dev/zero | tail > /dev/null").withMemoryBytes(32L << 20);

    ExitOutcome outcome = sandbox.start(spec, new Sandboxes.Lines()).await();

    assertThat(outcome.kind()).isEqualTo(ExitOutcome.Kind.OUT_OF_MEMORY);
  }

  private static Sandbox usable(Sandbox sandbox) {
    boolean usable = sandbox.describe().contains("cgroup v2");
    if (!usable) {
      System.out.println(NO_V2);
    }
    Assumptions.assumeTrue(usable, NO_V2);
    return sandbox;
  }

  private SandboxSpec spec(String command) {
    return SandboxSpec.of(work, command, "v2-" + UUID.randomUUID().toString().substring(0, 8));
  }
}
