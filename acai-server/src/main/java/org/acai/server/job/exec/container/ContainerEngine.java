package org.acai.server.job.exec.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container engine that answered: Docker, or Podman serving the Docker API. {@link #discover}
 * finds one from {@code DOCKER_HOST} or the usual sockets. Thread-safe (docker-java's client is).
 *
 * @param client the client, usable for long calls (no response timeout)
 * @param host where the engine listens, e.g. {@code unix:///var/run/docker.sock}
 * @param product e.g. {@code docker 20.10.24} or {@code podman 4.3.1}
 */
public record ContainerEngine(DockerClient client, URI host, String product)
    implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerEngine.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
  private static final List<String> SOCKETS =
      List.of("/var/run/docker.sock", "/run/podman/podman.sock");

  /** Where this server looks for an engine, in order: for messages. */
  public static List<URI> candidates(Map<String, String> env) {
    String dockerHost = env.get("DOCKER_HOST");
    if (dockerHost != null && !dockerHost.isBlank()) {
      return List.of(URI.create(dockerHost.trim()));
    }
    List<URI> uris = new ArrayList<>();
    SOCKETS.forEach(socket -> uris.add(URI.create("unix://" + socket)));
    String runtime = env.get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank()) {
      uris.add(URI.create("unix://" + runtime + "/podman/podman.sock"));
    }
    return uris;
  }

  /**
   * The first engine that answers a ping: {@code DOCKER_HOST} if set (and then only it), else
   * Docker's and Podman's usual sockets.
   */
  public static Optional<ContainerEngine> discover(Map<String, String> env) {
    for (URI host : candidates(env)) {
      if ("unix".equals(host.getScheme()) && !Files.exists(Path.of(host.getPath()))) {
        continue;
      }
      Optional<ContainerEngine> engine = connect(host);
      if (engine.isPresent()) {
        return engine;
      }
    }
    return Optional.empty();
  }

  /** The engine at {@code host} if it answers a ping within a few seconds. */
  public static Optional<ContainerEngine> connect(URI host) {
    String product;
    try (DockerClient probe = client(host, PROBE_TIMEOUT)) {
      probe.pingCmd().exec();
      product = product(probe.versionCmd().exec());
    } catch (IOException | RuntimeException e) {
      LOG.debug("No container engine answers at {}: {}", host, e.toString());
      return Optional.empty();
    }
    return Optional.of(new ContainerEngine(client(host, null), host, product));
  }

  private static DockerClient client(URI host, Duration responseTimeout) {
    DockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(host.toString())
            .build();
    ApacheDockerHttpClient.Builder http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(256)
            .connectionTimeout(PROBE_TIMEOUT);
    if (responseTimeout != null) {
      http.responseTimeout(responseTimeout);
    }
    return DockerClientImpl.getInstance(config, http.build());
  }

  private static String product(Version version) {
    List<VersionComponent> components = version.getComponents();
    if (components != null) {
      for (VersionComponent component : components) {
        if (component.getName() != null
            && component.getName().toLowerCase(Locale.ROOT).contains("podman")) {
          return "podman " + component.getVersion();
        }
      }
    }
    return "docker " + version.getVersion();
  }

  /** Whether the engine holds the image already (pulled or imported); never pulls. */
  public boolean hasImage(String reference) {
    try {
      client.inspectImageCmd(Images.normalize(reference)).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /**
   * Pulls the image unless the engine holds it.
   *
   * @throws org.acai.api.error.ServiceFailureException if the pull fails, with the engine's message
   */
  public void ensureImage(String reference, Consumer<String> progress) {
    new Images(client).ensure(reference, progress);
  }

  /** Whether this engine is Podman (which reports an OOM kill only as exit code 137). */
  public boolean isPodman() {
    return product.startsWith("podman");
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      LOG.debug("Closing the container engine client failed", e);
    }
  }
}
