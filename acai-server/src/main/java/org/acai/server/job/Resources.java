package org.acai.server.job;

/**
 * Requested resources, as given and as parsed.
 *
 * @param vCpu vCPUs as given
 * @param memory memory as given
 * @param gpu GPUs as given
 * @param cpuMillis parsed vCPUs in thousandths (0 = no limit)
 * @param memoryBytes parsed memory in bytes (0 = no limit)
 * @param gpus parsed GPUs
 */
public record Resources(
    String vCpu, String memory, String gpu, long cpuMillis, long memoryBytes, int gpus) {
  /** Nothing requested. */
  static final Resources NONE = new Resources(null, null, null, 0, 0, 0);

  /** The parsed amounts of both, added up (the texts as given are dropped). */
  Resources plus(Resources other) {
    return new Resources(
        null,
        null,
        null,
        cpuMillis + other.cpuMillis,
        memoryBytes + other.memoryBytes,
        gpus + other.gpus);
  }

  /** Human form for reasons, e.g. "0.5 vCPU, 64.0 MiB". */
  public String describe() {
    return String.format(
        "%.2f vCPU, %.1f MiB, %d GPU", cpuMillis / 1000.0, memoryBytes / 1048576.0, gpus);
  }
}
