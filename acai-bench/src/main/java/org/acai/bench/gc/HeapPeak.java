package org.acai.bench.gc;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the used heap every 5 ms on a daemon thread until stopped; keeps the peak. */
final class HeapPeak {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final long baseline;
  private final AtomicLong peak;
  private final Thread sampler;

  /** Collects garbage, notes the used heap as the baseline, and starts sampling. */
  HeapPeak() {
    System.gc();
    this.baseline = used();
    this.peak = new AtomicLong(baseline);
    this.sampler =
        new Thread(
            () -> {
              while (running.get()) {
                peak.accumulateAndGet(used(), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
  }

  long used() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** The used heap when sampling started. */
  long baseline() {
    return baseline;
  }

  /** Stops sampling; returns the peak. */
  long stop() throws InterruptedException {
    running.set(false);
    sampler.join();
    return peak.get();
  }
}
