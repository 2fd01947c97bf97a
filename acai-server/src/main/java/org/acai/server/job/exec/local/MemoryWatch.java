package org.acai.server.job.exec.local;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.acai.server.job.exec.ExitOutcome;
import org.acai.server.threads.Daemons;

/**
 * Enforces a job's memory limit where no memory cgroup does: every {@link #PERIOD} it adds up the
 * memory its processes hold in RAM and, once that is past the limit, reports it (once). An
 * address-space rlimit would be the cheap alternative, but it counts reserved address space, which
 * JVMs and Python's allocators take by the gigabyte while using little of it: such a limit fails
 * jobs far below the memory they asked for. Thread-safe.
 */
final class MemoryWatch {
  /** How often resident memory is measured. */
  static final Duration PERIOD = Duration.ofMillis(200);

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(Daemons.named("sandbox-memory-watch"));

  private final long limitBytes;
  private final Terminator processes;
  private final LongConsumer onExceeded;
  private volatile long peakBytes;
  private ScheduledFuture<?> schedule;

  private MemoryWatch(long limitBytes, Terminator processes, LongConsumer onExceeded) {
    this.limitBytes = limitBytes;
    this.processes = processes;
    this.onExceeded = onExceeded;
  }

  /**
   * Starts watching.
   *
   * @param onExceeded called once, on the watch's thread, with the resident bytes seen past the
   *     limit; it must not block
   */
  static MemoryWatch start(long limitBytes, Terminator processes, LongConsumer onExceeded) {
    MemoryWatch watch = new MemoryWatch(limitBytes, processes, onExceeded);
    watch.schedule =
        TIMER.scheduleWithFixedDelay(
            watch::check, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    return watch;
  }

  /** The line the job log gets about its memory limit under this watch. */
  static String describe(long limitBytes) {
    return "[acai] memory limit "
        + ExitOutcome.humanBytes(limitBytes)
        + " of resident memory, measured by the server every "
        + PERIOD.toMillis()
        + " ms (no memory cgroup here): a job above it is ended as out of memory";
  }

  /** The most resident memory seen, in bytes. */
  long peakBytes() {
    return peakBytes;
  }

  /** Stops watching (when the job has ended). */
  void stop() {
    schedule.cancel(false);
  }

  private void check() {
    long used = 0;
    for (ProcessHandle process : processes.members()) {
      used += ProcFs.residentBytes(process.pid());
    }
    peakBytes = Math.max(peakBytes, used);
    if (used > limitBytes) {
      schedule.cancel(false);
      onExceeded.accept(used);
    }
  }
}
