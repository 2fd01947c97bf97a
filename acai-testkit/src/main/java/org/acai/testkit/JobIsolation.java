package org.acai.testkit;

import java.util.function.Supplier;
import org.acai.server.job.exec.local.Sandbox;
import org.acai.server.job.exec.local.SandboxMode;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether this machine can isolate jobs. Where it cannot (no bubblewrap), test servers run jobs
 * with {@code ACAI_SANDBOX=none}, as an operator who opted out would, and say so once: the tests of
 * isolation itself skip there, every other job test still runs.
 */
public final class JobIsolation {
  static final Supplier<Boolean> AVAILABLE = JobIsolation::probeOnce;

  /** Skips the calling test, saying so on stdout, where jobs cannot be isolated. */
  public static void assumeAvailable() {
    String skip = "SKIP: no job isolation here (apt-get install -y bubblewrap)";
    if (!AVAILABLE.get()) {
      System.out.println(skip);
    }
    Assumptions.assumeTrue(AVAILABLE.get(), skip);
  }

  private static Boolean available;

  private JobIsolation() {}

  private static synchronized Boolean probeOnce() {
    if (available == null) {
      available = Sandbox.detect(SandboxMode.AUTO).runsJobs();
      if (!available) {
        System.out.println(
            "SKIP: no job isolation here (apt-get install -y bubblewrap): test servers run jobs"
                + " with ACAI_SANDBOX=none, and isolation tests skip");
      }
    }
    return available;
  }
}
