package org.acai.server.job.exec.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

class SandboxSpecTest {
  private final SandboxSpec spec = SandboxSpec.of(Path.of("/work/job-1"), "true", "job-1");

  @Test
  void zeroPidsMeansTheDefaultLimit() {
    assertThat(spec.effectiveMaxPids()).isEqualTo(SandboxSpec.DEFAULT_MAX_PIDS);
    assertThat(spec.withMaxPids(7).effectiveMaxPids()).isEqualTo(7);
  }

  @Test
  void withersChangeOneField() {
    SandboxSpec changed =
        spec.withMemoryBytes(5)
            .withCpuMillis(6)
            .withTimeout(Duration.ofSeconds(7))
            .withEnv(Map.of("A", "b"));
    assertThat(changed)
        .isEqualTo(
            new SandboxSpec(
                spec.workDir(),
                "true",
                Map.of("A", "b"),
                5,
                6,
                0,
                Duration.ofSeconds(7),
                "job-1",
                null));
  }

  @Test
  void relativeWorkDirIsRefused() {
    assertThatThrownBy(() -> SandboxSpec.of(Path.of("work"), "true", "job-1"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid work dir: work (must be absolute)");
  }

  @Test
  void namesThatCouldLeaveTheCgroupDirectoryAreRefused() {
    for (String name : new String[] {"../x", "a/b", "", ".hidden", "x".repeat(65)}) {
      assertThatThrownBy(() -> SandboxSpec.of(Path.of("/w"), "true", name))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageStartingWith("Invalid sandbox name: ");
    }
  }

  @Test
  void negativeLimitsAndEmptyTimeoutAreRefused() {
    assertThatThrownBy(() -> spec.withMemoryBytes(-1))
        .hasMessage("Invalid sandbox limits: memory -1, cpu 0, pids 0");
    assertThatThrownBy(() -> spec.withTimeout(Duration.ZERO)).hasMessage("Invalid timeout: PT0S");
    assertThatThrownBy(() -> SandboxSpec.of(Path.of("/w"), "", "job-1"))
        .hasMessage("Invalid command: ");
  }
}
