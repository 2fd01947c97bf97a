package org.acai.server.job;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.acai.server.threads.Daemons;

/**
 * The timer that writes the job logs' partial batches a little after their first line. Closed with
 * the job module, before the database: a batch due later is left to the status change that ends its
 * job. Thread-safe.
 */
final class LogFlusher implements AutoCloseable {
  private final ScheduledExecutorService timer =
      Executors.newScheduledThreadPool(2, Daemons.named("acai-log-flusher"));

  /** Runs {@code flush} after {@code millis}, unless closed by then. */
  void later(Runnable flush, long millis) {
    try {
      var unused = timer.schedule(flush, millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closing: the job's next status change writes the lines.
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
