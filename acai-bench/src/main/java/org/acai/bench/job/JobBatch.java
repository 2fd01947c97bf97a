package org.acai.bench.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.acai.sdk.JobClient;
import org.acai.sdk.JobSpec;

/**
 * A batch of jobs submitted as fast as some submitters can, timed until every one has ended.
 *
 * @param wallMillis from the first submission to the end of the last job, as the server recorded
 *     that end (the same clock, without the client's polling delay)
 * @param submitMillis from the first submission to the last one returning
 * @param submitCalls the latency of each submit call, in milliseconds
 * @param phases where the jobs' time went
 * @param cpuMillis CPU time the machine was busy (see {@link CpuMeter}) from the first submission
 *     until every job had ended
 * @param jitMillis the part of it taken by the JIT compilers
 */
public record JobBatch(
    double wallMillis,
    double submitMillis,
    List<Double> submitCalls,
    JobPhases phases,
    double cpuMillis,
    double jitMillis) {

  /** Submits {@code count} jobs from {@code submitters} threads and waits for all to end. */
  public static JobBatch run(JobClient jobs, int count, int submitters, IntFunction<JobSpec> spec)
      throws InterruptedException {
    List<Long> ids = Collections.synchronizedList(new ArrayList<>());
    List<Double> calls = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(submitters);
    double cpuBefore = CpuMeter.busyMillis();
    double jitBefore = CpuMeter.jitMillis();
    long started = System.nanoTime();
    long startedEpoch = System.currentTimeMillis();
    try {
      List<Future<?>> submissions = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        submissions.add(
            pool.submit(
                () -> {
                  long before = System.nanoTime();
                  ids.add(jobs.submit(spec.apply(index)).id());
                  calls.add((System.nanoTime() - before) / 1e6);
                }));
      }
      for (Future<?> submission : submissions) {
        submission.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("A submission failed", e.getCause());
    } finally {
      pool.shutdown();
    }
    double submitted = (System.nanoTime() - started) / 1e6;
    JobPhases.awaitAll(jobs, ids);
    double cpu = CpuMeter.busyMillis() - cpuBefore;
    double jit = CpuMeter.jitMillis() - jitBefore;
    JobPhases phases = new JobPhases();
    ids.forEach(id -> phases.add(jobs.history(id)));
    double wall = phases.lastEndMillis() - startedEpoch;
    return new JobBatch(wall, submitted, List.copyOf(calls), phases, cpu, jit);
  }
}
