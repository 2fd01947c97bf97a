package org.acai.server.job.exec.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.acai.server.job.exec.LineSink;
import org.junit.jupiter.api.Assumptions;

/** The sandboxes every contract test runs in: what this machine offers, and the plain fallback. */
final class Sandboxes {
  static final String NO_BWRAP =
      "SKIP: bubblewrap not installed or not working; apt-get install -y bubblewrap";

  private static final Sandbox DETECTED = Sandbox.detect(SandboxMode.AUTO);
  private static final Sandbox PLAIN = Sandbox.detect(SandboxMode.NONE);
  private static final Sandbox WITHOUT_CGROUPS =
      Sandbox.detect(SandboxMode.AUTO, Map.of("ACAI_CGROUP", "none"));

  private Sandboxes() {}

  /**
   * What this machine offers and the plain fallback; only the fallback, saying so, without bwrap.
   */
  static Stream<Sandbox> both() {
    if (!DETECTED.isIsolated()) {
      System.out.println(NO_BWRAP + " (the isolated case of each test)");
      return Stream.of(PLAIN);
    }
    return Stream.of(DETECTED, PLAIN);
  }

  /**
   * What this machine offers, the plain fallback, and, where cgroups work, bubblewrap without them
   * (so that limits enforced by the server itself are tried under isolation too).
   */
  static Stream<Sandbox> withAndWithoutCgroups() {
    return DETECTED.hasCgroups() && WITHOUT_CGROUPS.isIsolated()
        ? Stream.of(DETECTED, PLAIN, WITHOUT_CGROUPS)
        : both();
  }

  /** The sandbox with bubblewrap; skips the test, saying so once on stdout, when there is none. */
  static Sandbox isolated() {
    if (!DETECTED.isIsolated()) {
      System.out.println(NO_BWRAP);
    }
    Assumptions.assumeTrue(DETECTED.isIsolated(), NO_BWRAP);
    return DETECTED;
  }

  /** The sandbox this machine offers when it can start jobs, else the plain fallback. */
  static Sandbox runnable() {
    return DETECTED.isIsolated() ? DETECTED : PLAIN;
  }

  /** Collects lines as they arrive. */
  static final class Lines implements LineSink {
    final List<String> stdout = new CopyOnWriteArrayList<>();
    final List<String> stderr = new CopyOnWriteArrayList<>();
    final List<String> all = new CopyOnWriteArrayList<>();

    @Override
    public void line(Channel channel, String text) {
      (channel == Channel.STDOUT ? stdout : stderr).add(text);
      all.add(text);
    }
  }
}
