package org.acai.server.job.exec.local;

import java.util.Locale;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;

/**
 * Which cgroup hierarchy jobs go in, from {@code ACAI_CGROUP}: {@code auto} (v1 where its
 * controllers are writable, else v2), {@code v1}, {@code v2} or {@code none}.
 */
final class CgroupChoice {
  static final String ENV = "ACAI_CGROUP";

  private CgroupChoice() {}

  /**
   * Probes the chosen hierarchy.
   *
   * @throws InvalidRequestException if the setting names no choice
   */
  static Cgroups probe(SandboxMode mode, Map<String, String> env) {
    String choice = env.getOrDefault(ENV, "auto").trim().toLowerCase(Locale.ROOT);
    switch (choice) {
      case "auto":
        if (mode == SandboxMode.NONE) {
          return Cgroups.NONE;
        }
        CgroupV1 v1 = CgroupV1.probe();
        return v1.isEmpty() ? CgroupV2.probe() : v1;
      case "v1":
        return CgroupV1.probe();
      case "v2":
        return CgroupV2.probe();
      case "none":
        return Cgroups.NONE;
      default:
        throw new InvalidRequestException("Invalid %s: %s (auto, v1, v2 or none)", ENV, choice);
    }
  }
}
