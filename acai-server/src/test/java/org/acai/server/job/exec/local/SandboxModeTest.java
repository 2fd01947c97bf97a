package org.acai.server.job.exec.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.acai.api.error.InvalidRequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SandboxModeTest {
  @AfterEach
  void clearProperty() {
    System.clearProperty(SandboxMode.PROPERTY);
  }

  @Test
  void propertySelectsTheMode() {
    System.setProperty(SandboxMode.PROPERTY, "None");
    assertThat(SandboxMode.fromEnvironment()).isEqualTo(SandboxMode.NONE);
    System.setProperty(SandboxMode.PROPERTY, "auto");
    assertThat(SandboxMode.fromEnvironment()).isEqualTo(SandboxMode.AUTO);
  }

  @Test
  void unknownModeIsRefused() {
    System.setProperty(SandboxMode.PROPERTY, "docker");
    assertThatThrownBy(SandboxMode::fromEnvironment)
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid sandbox mode: docker (auto or none)");
  }

  @Test
  void noneDetectsAPlainProcess() {
    Sandbox sandbox = Sandbox.detect(SandboxMode.NONE);
    assertThat(sandbox.isIsolated()).isFalse();
    assertThat(sandbox.hasMemoryCgroup()).isFalse();
    assertThat(sandbox.runsJobs()).isTrue();
    assertThat(sandbox.describe()).startsWith("plain process, NO isolation (ACAI_SANDBOX=none) + ");
  }
}
