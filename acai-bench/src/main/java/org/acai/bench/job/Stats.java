package org.acai.bench.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of samples. */
public final class Stats {
  private Stats() {}

  /** The nearest-rank percentile, {@code fraction} in (0, 1]; NaN without samples. */
  public static double percentile(List<Double> samples, double fraction) {
    if (samples.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(fraction * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
