package org.acai.bench.job;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.IntFunction;
import org.acai.sdk.JobClient;
import org.acai.sdk.JobSpec;

/**
 * Untimed batches of jobs until the server runs at its steady state: until the JIT compilers take
 * less than {@value #SETTLED_JIT_SHARE} of the machine's CPU over the last {@value #WINDOW} batches
 * (or for a fixed number of batches). Code run once per job reaches the optimising compiler only
 * after thousands of jobs; a server that has run for a while is past that, and a bare loop of a few
 * lines of Java is past it at once.
 *
 * @param batches how many batches ran
 * @param settled whether the JIT share fell below the mark (always false for a fixed count)
 * @param jitShare the JIT compilers' share of the CPU over the last batches
 */
public record WarmUp(int batches, boolean settled, double jitShare) {
  static final double SETTLED_JIT_SHARE = 0.02;
  static final int WINDOW = 4;
  private static final int MIN_BATCHES = 10;
  private static final int MAX_BATCHES = 200;

  /**
   * Runs batches from {@code submitters[0]}, {@code submitters[1]}, … submitters by turns, as the
   * timed batches that follow run each kind.
   *
   * @param fixed how many batches to run, or 0 for as many as it takes to settle
   */
  public static WarmUp run(
      JobClient jobs, int batch, int fixed, int[] submitters, IntFunction<JobSpec> spec)
      throws InterruptedException {
    Deque<JobBatch> last = new ArrayDeque<>();
    int limit = fixed > 0 ? fixed : MAX_BATCHES;
    for (int i = 0; i < limit; i++) {
      last.addLast(JobBatch.run(jobs, batch, submitters[i % submitters.length], spec));
      if (last.size() > WINDOW) {
        last.removeFirst();
      }
      if (fixed == 0 && i + 1 >= MIN_BATCHES && share(last) < SETTLED_JIT_SHARE) {
        return new WarmUp(i + 1, true, share(last));
      }
    }
    return new WarmUp(limit, false, share(last));
  }

  private static double share(Deque<JobBatch> batches) {
    double cpu = batches.stream().mapToDouble(JobBatch::cpuMillis).sum();
    double jit = batches.stream().mapToDouble(JobBatch::jitMillis).sum();
    return cpu == 0 ? 0 : jit / cpu;
  }
}
