package org.acai.bench.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.acai.sdk.AcaiClient;

/**
 * The cheapest authenticated request there is ({@code whoami}: one token lookup, a small JSON
 * answer), sent by several threads at once: what the HTTP round trip alone costs the machine, the
 * least a job submitted over HTTP can cost beyond its process.
 *
 * @param wallMillis from the first call to the last answer
 * @param cpuMillis the machine's busy CPU time over the same span (see {@link CpuMeter})
 */
public record NoOpCalls(double wallMillis, double cpuMillis) {

  /** Sends {@code count} calls from {@code threads} threads. */
  public static NoOpCalls run(AcaiClient client, int count, int threads)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    double cpuBefore = CpuMeter.busyMillis();
    long started = System.nanoTime();
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        calls.add(pool.submit(client::whoami));
      }
      for (Future<?> call : calls) {
        call.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("A whoami call failed", e.getCause());
    } finally {
      pool.shutdown();
    }
    return new NoOpCalls((System.nanoTime() - started) / 1e6, CpuMeter.busyMillis() - cpuBefore);
  }
}
