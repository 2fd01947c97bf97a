package org.acai.tests.exec;

import org.acai.server.job.exec.CommandRunner;
import org.acai.server.job.exec.local.Sandbox;
import org.acai.server.job.exec.local.SandboxMode;
import org.acai.testkit.exec.CommandRunnerContract;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** The runner contract for the bubblewrap sandbox. */
class SandboxRunnerIT extends CommandRunnerContract {
  private static final Sandbox SANDBOX = Sandbox.detect(SandboxMode.AUTO);

  @BeforeAll
  static void isolated() {
    if (!SANDBOX.isIsolated()) {
      System.out.println(
          "SKIP: bubblewrap not installed or not working; apt-get install -y bubblewrap");
    }
    Assumptions.assumeTrue(SANDBOX.isIsolated(), "SKIP: no bubblewrap");
  }

  @Override
  protected CommandRunner runner() {
    return SANDBOX;
  }

  @Override
  protected String image() {
    return null;
  }

  @Override
  protected boolean enforcesMemory() {
    // By a memory cgroup, or else by the server's own measurement (MemoryWatch).
    return true;
  }
}
