package org.acai.cli.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.acai.api.error.AcaiException;
import org.acai.server.job.exec.container.ContainerEngine;
import org.acai.server.job.exec.local.Sandbox;
import org.acai.server.job.exec.local.SandboxMode;

/**
 * Where the demo's job runs, and the server settings that put it there: in a container when an
 * engine answers and holds (or can pull) an image for it, else in the local sandbox; where no job
 * isolation works at all and the user chose nothing, as a plain process, said plainly (a server
 * refuses jobs there). The user's own {@code ACAI_EXECUTOR} wins.
 *
 * @param env the server's settings
 * @param image the image the job names (recorded only, outside a container)
 */
record DemoJobPlace(Map<String, String> env, String image) {
  /** Environment variable naming the demo job's image. */
  static final String IMAGE_ENV = "ACAI_DEMO_IMAGE";

  /** The image the demo asks for when the user names none. */
  static final String DEFAULT_IMAGE = "debian:bookworm";

  /** Images the demo job can run in (sh, awk, sort), tried in order where they are local. */
  private static final List<String> LOCAL_IMAGES =
      List.of(DEFAULT_IMAGE, "localhost/acai-busybox:1");

  /** Decides, telling the user what was chosen through {@code step}. */
  static DemoJobPlace choose(Map<String, String> userEnv, Consumer<String> step) {
    Map<String, String> env = new HashMap<>(userEnv);
    String named = env.get(IMAGE_ENV);
    String executor = env.getOrDefault("ACAI_EXECUTOR", "auto");
    if (!executor.equals("local")) {
      Optional<ContainerEngine> engine = ContainerEngine.discover(env);
      if (engine.isPresent()) {
        try (ContainerEngine found = engine.get()) {
          Optional<String> image = image(found, named, step);
          if (image.isPresent()) {
            env.put("ACAI_EXECUTOR", "container");
            env.putIfAbsent("ACAI_JOB_NETWORK", "none");
            step.accept(
                "Jobs run in containers: "
                    + found.product()
                    + " at "
                    + found.host()
                    + ", image "
                    + image.get());
            return new DemoJobPlace(env, image.get());
          }
        }
      } else if (executor.equals("container")) {
        step.accept("ACAI_EXECUTOR=container, but no container engine answers here");
      }
    }
    env.put("ACAI_EXECUTOR", "local");
    return new DemoJobPlace(sandbox(env, step), named == null ? DEFAULT_IMAGE : named);
  }

  /** The image to use on {@code engine}: the user's, else a local one, else the default pulled. */
  private static Optional<String> image(
      ContainerEngine engine, String named, Consumer<String> step) {
    List<String> candidates = named == null ? LOCAL_IMAGES : List.of(named);
    for (String candidate : candidates) {
      if (engine.hasImage(candidate)) {
        return Optional.of(candidate);
      }
    }
    String wanted = candidates.get(0);
    try {
      engine.ensureImage(wanted, step);
      return Optional.of(wanted);
    } catch (AcaiException e) {
      step.accept(
          "A container engine ("
              + engine.product()
              + ") answers, but the demo has no image for its job ("
              + e.getMessage()
              + "): the job runs in the local sandbox instead");
      return Optional.empty();
    }
  }

  private static Map<String, String> sandbox(Map<String, String> env, Consumer<String> step) {
    if (env.containsKey(SandboxMode.ENV)) {
      return env;
    }
    Sandbox sandbox = Sandbox.detect(SandboxMode.AUTO, env);
    if (sandbox.runsJobs()) {
      step.accept("Jobs run isolated in the local sandbox: " + sandbox.describe());
    } else {
      env.put(SandboxMode.ENV, "none");
      step.accept(
          "WARNING: no job isolation works on this machine (install bubblewrap, or run a container"
              + " engine): the demo runs its job as a plain process, NOT isolated ("
              + SandboxMode.ENV
              + "=none). A server started with 'acai server' refuses jobs here.");
    }
    return env;
  }
}
