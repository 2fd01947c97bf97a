package org.acai.server.job.exec.container;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.ServiceFailureException;
import org.acai.server.job.exec.CommandRunner;
import org.acai.server.job.exec.ExitOutcome;
import org.acai.server.job.exec.JobRun;
import org.acai.server.job.exec.LineSink;
import org.acai.server.job.exec.RunHandle;
import org.acai.server.threads.Daemons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each job's command in a container of its image on a Docker Engine API (Docker, or Podman's
 * {@code podman system service}): the image pulled when missing and its digest written to the job
 * log, the work dir bound at {@code /job}, the job's uid, limits from its resources (see {@link
 * ContainerSpec}), logs streamed line by line, the container removed at the end. At creation it
 * removes the containers a previous server on the same data dir left behind. Thread-safe.
 */
public final class ContainerRunner implements CommandRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerRunner.class);

  private final ContainerEngine engine;
  private final ContainerSettings settings;
  private final Images images;
  private final ExecutorService watchers =
      Executors.newCachedThreadPool(Daemons.named("acai-container"));
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(Daemons.named("acai-container-timer"));

  private ContainerRunner(ContainerEngine engine, ContainerSettings settings) {
    this.engine = engine;
    this.settings = settings;
    this.images = new Images(engine.client());
  }

  /** A runner on {@code engine}, after removing what an earlier server of this data dir left. */
  public static ContainerRunner create(ContainerEngine engine, ContainerSettings settings) {
    ContainerRunner runner = new ContainerRunner(engine, settings);
    runner.removeLeftovers();
    return runner;
  }

  @Override
  public RunHandle start(JobRun run, LineSink sink) {
    String reference =
        run.image() == null || run.image().isBlank() ? settings.defaultImage() : run.image();
    if (reference == null) {
      throw new InvalidRequestException(
          "Cannot run job %d: it names no container image and the server has no default (%s)",
          run.jobId(), ContainerSettings.IMAGE_ENV);
    }
    Images.Image image = images.ensure(reference, line -> sink.line(LineSink.Channel.STDOUT, line));
    sink.line(
        LineSink.Channel.STDOUT,
        "[acai] image " + image.reference() + " digest " + digestOf(image.digest()));
    if (run.memoryBytes() > 0) {
      sink.line(
          LineSink.Channel.STDOUT,
          "[acai] memory limit "
              + ExitOutcome.humanBytes(run.memoryBytes())
              + ", swap included, enforced by the container engine: a job above it is ended as"
              + " out of memory");
    }
    String id;
    try {
      id = ContainerSpec.create(engine.client(), run, image, settings, realWorkDir(run));
    } catch (RuntimeException e) {
      throw new ServiceFailureException(
          e, "Cannot create a container for job %d: %s", run.jobId(), EngineErrors.message(e));
    }
    try {
      return ContainerRun.start(
          engine.client(), id, run, digestOf(image.digest()), sink, watchers, timers);
    } catch (RuntimeException e) {
      remove(id);
      throw new ServiceFailureException(
          e, "Cannot start job %d's container: %s", run.jobId(), EngineErrors.message(e));
    }
  }

  /** {@code sha256:...} out of {@code repo@sha256:...}. */
  static String digestOf(String digest) {
    int at = digest.indexOf('@');
    return at < 0 ? digest : digest.substring(at + 1);
  }

  private static Path realWorkDir(JobRun run) {
    try {
      return run.workDir().toRealPath();
    } catch (IOException e) {
      throw new InvalidRequestException("Invalid work dir: %s (no such directory)", run.workDir());
    }
  }

  @Override
  public boolean runsImages() {
    return true;
  }

  @Override
  public String describe() {
    return "container on "
        + engine.product()
        + " at "
        + engine.host()
        + " (own uid, no capabilities, network "
        + settings.network()
        + ")";
  }

  @Override
  public String toString() {
    return describe();
  }

  @Override
  public void release() {
    timers.shutdownNow();
    watchers.shutdownNow();
    engine.close();
  }

  /** The containers of this server instance (running or not), e.g. for tests. */
  public List<Container> containers() {
    return engine
        .client()
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(ContainerSpec.SERVER_LABEL, settings.instance()))
        .exec();
  }

  private void removeLeftovers() {
    List<Container> leftovers = containers();
    leftovers.forEach(container -> remove(container.getId()));
    if (!leftovers.isEmpty()) {
      LOG.info("Removed {} job containers an earlier server left", leftovers.size());
    }
  }

  private void remove(String id) {
    try {
      engine.client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      // Already gone.
    } catch (RuntimeException e) {
      LOG.warn("Cannot remove container {}: {}", id, EngineErrors.message(e));
    }
  }
}
