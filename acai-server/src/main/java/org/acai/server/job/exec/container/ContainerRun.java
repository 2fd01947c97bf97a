package org.acai.server.job.exec.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.acai.api.error.ServiceFailureException;
import org.acai.server.job.exec.ExitOutcome;
import org.acai.server.job.exec.JobRun;
import org.acai.server.job.exec.LineSink;
import org.acai.server.job.exec.RunHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started job container: its logs stream to the sink, a watcher waits for its end, reads how it
 * ended and removes it. Killing or timing out stops it (SIGTERM, then SIGKILL a second later).
 * Thread-safe.
 */
final class ContainerRun implements RunHandle {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerRun.class);
  private static final int STOP_GRACE_SECONDS = 1;
  private static final long LOG_DRAIN_SECONDS = 10;

  private final DockerClient client;
  private final String id;
  private final JobRun run;
  private final ContainerLogs logs;
  private final String imageDigest;
  private final AtomicReference<ExitOutcome.Kind> stoppedBy = new AtomicReference<>();
  private final CompletableFuture<ExitOutcome> outcome = new CompletableFuture<>();

  private ContainerRun(
      DockerClient client, String id, JobRun run, LineSink sink, String imageDigest) {
    this.client = client;
    this.id = id;
    this.run = run;
    this.logs = new ContainerLogs(sink);
    this.imageDigest = imageDigest;
  }

  @Override
  public java.util.Optional<String> imageDigest() {
    return java.util.Optional.of(imageDigest);
  }

  /** Starts the created container {@code id}, its log stream, its watcher and its timer. */
  static ContainerRun start(
      DockerClient client,
      String id,
      JobRun run,
      String imageDigest,
      LineSink sink,
      ExecutorService watchers,
      ScheduledExecutorService timers) {
    ContainerRun started = new ContainerRun(client, id, run, sink, imageDigest);
    client.startContainerCmd(id).exec();
    client
        .logContainerCmd(id)
        .withStdOut(true)
        .withStdErr(true)
        .withFollowStream(true)
        .exec(started.logs);
    var unused = watchers.submit(started::watch);
    if (run.timeout() != null) {
      var timer =
          timers.schedule(
              () -> started.stop(ExitOutcome.Kind.TIMED_OUT),
              run.timeout().toMillis(),
              TimeUnit.MILLISECONDS);
      var unusedCancel = started.outcome.whenComplete((result, error) -> timer.cancel(false));
    }
    return started;
  }

  @Override
  public ExitOutcome await() throws InterruptedException {
    try {
      return outcome.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof ServiceFailureException
          ? (ServiceFailureException) cause
          : new ServiceFailureException(
              cause, "Cannot follow job %s's container: %s", run.jobId(), cause.getMessage());
    }
  }

  @Override
  public void kill() {
    stop(ExitOutcome.Kind.KILLED);
    try {
      outcome.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // The watcher failed; await() reports it.
    }
  }

  private void stop(ExitOutcome.Kind reason) {
    if (outcome.isDone() || !stoppedBy.compareAndSet(null, reason)) {
      return;
    }
    try {
      client.stopContainerCmd(id).withTimeout(STOP_GRACE_SECONDS).exec();
    } catch (NotModifiedException | NotFoundException e) {
      // It ended by itself meanwhile.
    } catch (RuntimeException e) {
      LOG.warn("Cannot stop container {} of job {}: {}", id, run.jobId(), e.toString());
    }
  }

  private void watch() {
    ExitOutcome result = null;
    RuntimeException failure = null;
    try {
      int code =
          client.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode();
      drainLogs();
      catchUpLogs();
      logs.flush();
      InspectContainerResponse.ContainerState state =
          client.inspectContainerCmd(id).exec().getState();
      boolean oomKilled = Boolean.TRUE.equals(state.getOOMKilled());
      result =
          new ContainerExit(code, oomKilled, stoppedBy.get(), run.memoryBytes(), run.timeout())
              .outcome();
    } catch (RuntimeException e) {
      failure = e;
    }
    // Removed before anyone hears of the end: once await() returns, nothing of the job is left.
    remove();
    if (failure == null) {
      outcome.complete(result);
    } else {
      outcome.completeExceptionally(
          new ServiceFailureException(
              failure,
              "Cannot follow job %s's container: %s",
              run.jobId(),
              EngineErrors.message(failure)));
    }
  }

  private void drainLogs() {
    try {
      if (!logs.awaitCompletion(LOG_DRAIN_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn(
            "Logs of job {} did not end {} s after its container", run.jobId(), LOG_DRAIN_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.debug("Log stream of job {} ended with {}", run.jobId(), e.toString());
    }
  }

  private void catchUpLogs() {
    try {
      logs.catchUp(client, id, LOG_DRAIN_SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.debug("Re-reading the log of job {} failed: {}", run.jobId(), e.toString());
    }
  }

  private void remove() {
    try {
      logs.close();
      client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      // Already gone.
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot remove container {} of job {}: {}", id, run.jobId(), e.toString());
    }
  }
}
