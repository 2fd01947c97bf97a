package org.acai.bench.transfer;

import java.util.List;

/**
 * Repeated timings of one operation.
 *
 * @param workload what was moved
 * @param operation e.g. {@code cp -r}, {@code SDK upload}
 * @param files how many files
 * @param bytes how many bytes
 * @param nanos wall-clock time of each run
 */
public record Measurement(
    String workload, String operation, int files, long bytes, List<Long> nanos) {
  public Measurement {
    nanos = nanos.stream().sorted().toList();
  }

  /** Median seconds. */
  public double seconds() {
    int n = nanos.size();
    long median = n % 2 == 1 ? nanos.get(n / 2) : (nanos.get(n / 2 - 1) + nanos.get(n / 2)) / 2;
    return median / 1e9;
  }

  /** The fastest and slowest run, e.g. {@code 0.31-0.48}. */
  public String spread() {
    return String.format("%.2f-%.2f", nanos.get(0) / 1e9, nanos.get(nanos.size() - 1) / 1e9);
  }

  /** Throughput in MB/s (10^6 bytes) at the median. */
  public double megabytesPerSecond() {
    return bytes / 1e6 / seconds();
  }

  /** Files per second at the median. */
  public double filesPerSecond() {
    return files / seconds();
  }
}
