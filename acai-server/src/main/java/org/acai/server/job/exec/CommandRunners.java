package org.acai.server.job.exec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.job.exec.container.ContainerEngine;
import org.acai.server.job.exec.container.ContainerRunner;
import org.acai.server.job.exec.container.ContainerSettings;
import org.acai.server.job.exec.local.Sandbox;
import org.acai.server.job.exec.local.SandboxMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses how job commands run, from {@value #ENV}: {@code container} (a Docker or Podman engine,
 * which must answer), {@code local} (the sandbox on this machine), or {@code auto} (the default: a
 * container engine when one answers, else the sandbox).
 */
public final class CommandRunners {
  /** Environment variable choosing the executor. */
  public static final String ENV = "ACAI_EXECUTOR";

  private static final Logger LOG = LoggerFactory.getLogger(CommandRunners.class);

  private CommandRunners() {}

  /**
   * The runner the settings ask for.
   *
   * @param env the server's settings
   * @param home the server's data dir (its containers are labelled with an id of it)
   * @throws InvalidRequestException if {@value #ENV} names no executor, or is {@code container} and
   *     no engine answers
   */
  public static CommandRunner fromConfig(Map<String, String> env, Path home) {
    String choice = env.getOrDefault(ENV, "auto").trim().toLowerCase(Locale.ROOT);
    CommandRunner runner;
    switch (choice) {
      case "local":
        runner = sandbox(env);
        break;
      case "container":
        runner =
            containers(env, home)
                .orElseThrow(
                    () ->
                        new InvalidRequestException(
                            "Cannot use %s=container: no container engine answers at %s (start"
                                + " Docker, or podman system service, or set DOCKER_HOST)",
                            ENV, ContainerEngine.candidates(env)));
        break;
      case "auto":
        runner = containers(env, home).orElseGet(() -> sandbox(env));
        break;
      default:
        throw new InvalidRequestException(
            "Invalid %s: %s (auto, container or local)", ENV, env.get(ENV));
    }
    LOG.info("Job executor: {}", runner.describe());
    return runner;
  }

  private static Optional<CommandRunner> containers(Map<String, String> env, Path home) {
    ContainerSettings settings = ContainerSettings.of(env, home);
    return ContainerEngine.discover(env).map(engine -> ContainerRunner.create(engine, settings));
  }

  private static CommandRunner sandbox(Map<String, String> env) {
    String network = env.get(Sandbox.NETWORK_ENV);
    if (network == null || network.equals("host") || network.equals("none")) {
      return Sandbox.detect(SandboxMode.of(env), env);
    }
    // A container network (default or a name) means nothing to the sandbox: no network there.
    LOG.warn(
        "{}={} applies to containers; sandboxed jobs get no network", Sandbox.NETWORK_ENV, network);
    Map<String, String> sandboxEnv = new HashMap<>(env);
    sandboxEnv.remove(Sandbox.NETWORK_ENV);
    return Sandbox.detect(SandboxMode.of(sandboxEnv), sandboxEnv);
  }
}
