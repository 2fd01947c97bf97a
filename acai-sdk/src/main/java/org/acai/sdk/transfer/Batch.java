package org.acai.sdk.transfer;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.acai.api.error.AcaiException;
import org.acai.api.error.ServiceFailureException;

/**
 * Runs one step per task on a bounded pool, retrying connection errors and {@link
 * TransientFailure}s with exponential backoff; the first failure that stays cancels the rest.
 */
final class Batch {
  private Batch() {}

  /** What to do with one task; throws IOException or TransientFailure to be retried. */
  @FunctionalInterface
  interface Step<T> {
    void run(T task, Progress.Attempt attempt) throws IOException, InterruptedException;
  }

  /** Names a task in error messages. */
  @FunctionalInterface
  interface Describer<T> {
    String describe(T task);
  }

  static <T> void run(
      List<T> tasks,
      Progress progress,
      TransferOptions options,
      Describer<T> describer,
      Step<T> step) {
    if (tasks.isEmpty()) {
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(options.parallelism(), tasks.size()), Daemons.threads("acai-transfer"));
    CompletionService<Void> done = new ExecutorCompletionService<>(pool);
    try {
      for (T task : tasks) {
        done.submit(
            () -> {
              withRetries(task, progress, options, describer, step);
              return null;
            });
      }
      for (int i = 0; i < tasks.size(); i++) {
        done.take().get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceFailureException(e, "Interrupted during a transfer");
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> void withRetries(
      T task, Progress progress, TransferOptions options, Describer<T> describer, Step<T> step)
      throws InterruptedException {
    Duration backoff = options.firstBackoff();
    for (int attempt = 1; ; attempt++) {
      Progress.Attempt counter = progress.attempt();
      try {
        step.run(task, counter);
        progress.fileDone();
        return;
      } catch (IOException | TransientFailure e) {
        counter.rollback();
        if (attempt >= options.maxAttempts()) {
          throw new ServiceFailureException(
              e,
              "Cannot transfer %s after %d attempt(s): %s",
              describer.describe(task),
              attempt,
              e.getMessage() == null ? e.toString() : e.getMessage());
        }
      } catch (RuntimeException e) {
        counter.rollback();
        throw e;
      }
      Thread.sleep(backoff.toMillis());
      backoff = backoff.multipliedBy(2);
    }
  }

  private static RuntimeException unwrap(Throwable cause) {
    if (cause instanceof AcaiException acai) {
      return acai;
    }
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    return new ServiceFailureException(cause, "Transfer failed: %s", cause);
  }
}
