package org.acai.bench.meta;

import java.util.ArrayList;
import java.util.List;
import org.acai.bench.job.Stats;

/** Samples of one measurement and their percentiles in milliseconds. */
final class Latencies {
  private final List<Double> millis = new ArrayList<>();

  /** Adds a sample. */
  void add(long nanos) {
    millis.add(nanos / 1e6);
  }

  /** Whether there are no samples. */
  boolean isEmpty() {
    return millis.isEmpty();
  }

  /** The nearest-rank percentile (0 to 100), in milliseconds. */
  double percentileMillis(double percentile) {
    return Stats.percentile(millis, percentile / 100.0);
  }
}
