package org.acai.bench.transfer;

/**
 * One timed run.
 *
 * @param workload what was moved
 * @param operation e.g. {@code cp -r}, {@code SDK upload}
 * @param files how many files
 * @param bytes how many bytes
 * @param nanos wall-clock time
 */
public record Measurement(String workload, String operation, int files, long bytes, long nanos) {
  /** Seconds taken. */
  public double seconds() {
    return nanos / 1e9;
  }

  /** Throughput in MB/s (10^6 bytes). */
  public double megabytesPerSecond() {
    return bytes / 1e6 / seconds();
  }

  /** Files per second. */
  public double filesPerSecond() {
    return files / seconds();
  }
}
