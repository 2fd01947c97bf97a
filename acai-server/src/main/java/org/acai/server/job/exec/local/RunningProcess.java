package org.acai.server.job.exec.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.acai.server.job.exec.ExitOutcome;
import org.acai.server.job.exec.LinePump;
import org.acai.server.job.exec.LineSink;
import org.acai.server.job.exec.RunHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job command started by {@link Sandbox#start}. Its output is pumped to the sink by two threads;
 * a third waits for the end, enforces the timeout, ends leftover background processes, removes the
 * cgroups and records the {@link ExitOutcome}. The threads come from a pool shared by all jobs
 * (named after the job while they serve it). Thread-safe.
 */
public final class RunningProcess implements RunHandle {
  private static final Logger LOG = LoggerFactory.getLogger(RunningProcess.class);
  private static final Duration PUMP_DRAIN = Duration.ofSeconds(2);
  private static final String IDLE_NAME = "sandbox-idle";
  // Three threads per running job; reused, as creating and ending threads costs CPU per job.
  private static final ExecutorService THREADS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, IDLE_NAME);
            thread.setDaemon(true);
            return thread;
          });

  private final Process process;
  private final SandboxSpec spec;
  private final JobGroup cgroup;
  private final Terminator terminator;
  private final MemoryWatch memoryWatch;
  private volatile long residentPastLimit;
  private final AtomicReference<ExitOutcome.Kind> cause = new AtomicReference<>();
  private final CompletableFuture<ExitOutcome> outcome = new CompletableFuture<>();
  private final List<Future<?>> pumps = new ArrayList<>(2);

  private RunningProcess(
      Process process, SandboxSpec spec, JobGroup cgroup, Terminator terminator, long watched) {
    this.process = process;
    this.spec = spec;
    this.cgroup = cgroup;
    this.terminator = terminator;
    this.memoryWatch =
        watched > 0 ? MemoryWatch.start(watched, terminator, this::pastMemoryLimit) : null;
  }

  /**
   * @param watchedMemory the memory limit in bytes the server enforces by measuring (where no
   *     memory cgroup does), or 0
   */
  static RunningProcess start(
      Process process,
      SandboxSpec spec,
      JobGroup cgroup,
      Terminator terminator,
      long watchedMemory,
      LineSink sink) {
    RunningProcess running = new RunningProcess(process, spec, cgroup, terminator, watchedMemory);
    Object lock = new Object();
    running.pumps.add(
        inPool(
            new LinePump(process.getInputStream(), LineSink.Channel.STDOUT, sink, lock),
            spec.name() + "-stdout"));
    running.pumps.add(
        inPool(
            new LinePump(process.getErrorStream(), LineSink.Channel.STDERR, sink, lock),
            spec.name() + "-stderr"));
    var unused = inPool(running::reap, spec.name() + "-reaper"); // it reports through outcome
    return running;
  }

  /** The pid of the job's first process (bubblewrap's, when it is used). */
  public long pid() {
    return process.pid();
  }

  /**
   * Ends the job and every process it started: SIGTERM, then SIGKILL after a 1 s grace period.
   * Returns once they are gone (within about 2 s); the outcome is then {@code KILLED}. Does nothing
   * if the job has already ended.
   */
  @Override
  public void kill() {
    if (!process.isAlive() || !cause.compareAndSet(null, ExitOutcome.Kind.KILLED)) {
      return;
    }
    terminator.terminate();
    try {
      outcome.get(PUMP_DRAIN.toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("Job {} did not finish cleanly after kill", spec.name(), e);
    }
  }

  /**
   * Waits for the end of the job.
   *
   * @throws InterruptedException if this thread is interrupted while waiting
   */
  @Override
  public ExitOutcome await() throws InterruptedException {
    try {
      return outcome.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Job reaper failed", e.getCause());
    }
  }

  /** The outcome, if the job has ended. */
  public Optional<ExitOutcome> poll() {
    return Optional.ofNullable(outcome.getNow(null));
  }

  /** Completes with the outcome when the job has ended; completing it has no effect on the job. */
  public CompletableFuture<ExitOutcome> onExit() {
    return outcome.copy();
  }

  private void reap() {
    try {
      boolean ended = true;
      if (spec.timeout() == null) {
        process.waitFor();
      } else {
        ended = process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
      }
      if (!ended && cause.compareAndSet(null, ExitOutcome.Kind.TIMED_OUT)) {
        terminator.terminate();
      }
      int code = process.waitFor();
      if (memoryWatch != null) {
        memoryWatch.stop();
      }
      cause.compareAndSet(null, ExitOutcome.Kind.EXITED);
      // Background processes outlive their job otherwise, and keep its output pipes open.
      terminator.terminate();
      for (Future<?> pump : pumps) {
        drain(pump);
      }
      ExitOutcome result = classify(code);
      // The job is over once its processes are: the kernel may take a while longer to free the
      // cgroups (a pid namespace's teardown), which need not hold up its final status.
      outcome.complete(result);
      if (cgroup != null) {
        cgroup.remove();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome.completeExceptionally(e);
    } catch (RuntimeException e) {
      LOG.error("Reaping job {} failed", spec.name(), e);
      outcome.completeExceptionally(e);
    }
  }

  private ExitOutcome classify(int code) {
    switch (cause.get()) {
      case KILLED:
        return ExitOutcome.killed(code);
      case TIMED_OUT:
        return ExitOutcome.timedOut(code, spec.timeout());
      case OUT_OF_MEMORY:
        return ExitOutcome.outOfResidentMemory(code, residentPastLimit, spec.memoryBytes());
      default:
        break;
    }
    if (cgroup != null && spec.memoryBytes() > 0 && cgroup.wasOutOfMemory(code)) {
      return ExitOutcome.outOfMemory(code, spec.memoryBytes());
    }
    if (!ExitOutcome.isSignal(code)) {
      return ExitOutcome.exited(code);
    }
    return ExitOutcome.signaled(code, "");
  }

  private void pastMemoryLimit(long residentBytes) {
    if (cause.compareAndSet(null, ExitOutcome.Kind.OUT_OF_MEMORY)) {
      residentPastLimit = residentBytes;
      // Ending takes up to the grace period: not on the watch's thread, which serves every job.
      var unused = inPool(terminator::terminate, spec.name() + "-oom");
    }
  }

  private static void drain(Future<?> pump) throws InterruptedException {
    try {
      pump.get(PUMP_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // A pump that failed or still reads after the drain time: what it delivered is delivered.
    }
  }

  private static Future<?> inPool(Runnable task, String name) {
    return THREADS.submit(
        () -> {
          Thread thread = Thread.currentThread();
          thread.setName("sandbox-" + name);
          try {
            task.run();
          } finally {
            thread.setName(IDLE_NAME);
          }
        });
  }
}
