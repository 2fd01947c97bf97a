package org.acai.testkit;

import java.util.Optional;
import org.acai.server.job.exec.container.ContainerEngine;
import org.junit.jupiter.api.Assumptions;

/**
 * The container engine of this machine for tests, with the local test image that {@code
 * .ci/container-engine} builds. Where there is none, tests that need it skip and say so once.
 */
public final class ContainerEngines {
  /** The test image: busybox (sh, no bash), imported without a registry. */
  public static final String IMAGE = "localhost/acai-busybox:1";

  /** The line printed where container tests skip. */
  public static final String SKIP = "SKIP: no container engine (run .ci/container-engine)";

  private static Boolean available;

  private ContainerEngines() {}

  /** Whether an engine answers and holds {@link #IMAGE}. */
  public static synchronized boolean available() {
    if (available == null) {
      Optional<ContainerEngine> engine = ContainerEngine.discover(System.getenv());
      available = engine.isPresent() && engine.get().hasImage(IMAGE);
      engine.ifPresent(ContainerEngine::close);
      if (!available) {
        System.out.println(SKIP);
      }
    }
    return available;
  }

  /** Skips the calling test where {@link #available()} is false. */
  public static void assume() {
    Assumptions.assumeTrue(available(), SKIP);
  }
}
