package org.acai.server.job.exec.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.acai.api.error.ServiceFailureException;

/** Finds a job's image on the engine, pulling it when missing. Thread-safe. */
final class Images {
  private static final long PULL_LIMIT_MINUTES = 30;

  /**
   * An image ready to run.
   *
   * @param reference the name as the job gave it, with {@code :latest} added when it had no tag
   * @param id the engine's image id ({@code sha256:...}, the digest of its configuration)
   * @param digest the registry's content digest ({@code repo@sha256:...}) when the image came from
   *     a registry, else the id
   */
  record Image(String reference, String id, String digest) {}

  private final DockerClient client;

  Images(DockerClient client) {
    this.client = client;
  }

  /** Adds {@code :latest} to a reference without tag or digest, as {@code docker pull} does. */
  static String normalize(String reference) {
    String name = reference.strip();
    if (name.contains("@")) {
      return name;
    }
    int slash = name.lastIndexOf('/');
    return name.indexOf(':', slash + 1) >= 0 ? name : name + ":latest";
  }

  /**
   * The image, pulled first if the engine does not have it.
   *
   * @param progress receives one line when a pull starts
   * @throws ServiceFailureException if the pull fails, with the engine's message
   */
  Image ensure(String reference, Consumer<String> progress) {
    String name = normalize(reference);
    InspectImageResponse inspected = inspect(name);
    if (inspected == null) {
      progress.accept("[acai] pulling image " + name);
      pull(name);
      inspected = inspect(name);
      if (inspected == null) {
        throw new ServiceFailureException("Cannot pull image %s: not found after the pull", name);
      }
    }
    List<String> digests = inspected.getRepoDigests();
    String digest = digests == null || digests.isEmpty() ? inspected.getId() : digests.get(0);
    return new Image(name, inspected.getId(), digest);
  }

  private InspectImageResponse inspect(String name) {
    try {
      return client.inspectImageCmd(name).exec();
    } catch (NotFoundException e) {
      return null;
    }
  }

  private void pull(String name) {
    try {
      PullImageResultCallback callback =
          client.pullImageCmd(name).exec(new PullImageResultCallback());
      if (!callback.awaitCompletion(PULL_LIMIT_MINUTES, TimeUnit.MINUTES)) {
        throw new ServiceFailureException(
            "Cannot pull image %s: not done after %d minutes", name, PULL_LIMIT_MINUTES);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceFailureException("Cannot pull image %s: interrupted", name);
    } catch (RuntimeException e) {
      if (e instanceof ServiceFailureException) {
        throw e;
      }
      throw new ServiceFailureException("Cannot pull image %s: %s", name, EngineErrors.message(e));
    }
  }
}
