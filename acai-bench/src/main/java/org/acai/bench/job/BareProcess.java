package org.acai.bench.job;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.acai.server.job.exec.local.Sandbox;

/**
 * The baseline: the same command started with a bare {@link ProcessBuilder}, no server. A job runs
 * its command as {@code /bin/bash -c command}; so does the baseline.
 */
public final class BareProcess {
  private BareProcess() {}

  /** Starts {@code /bin/bash -c command}, waits for it, and returns the milliseconds taken. */
  public static double startAndWait(String command) throws IOException, InterruptedException {
    return startAndWait(bash(command));
  }

  /** Runs the command {@code count} times one after the other; returns the total milliseconds. */
  public static double loop(String command, int count) throws IOException, InterruptedException {
    return loop(bash(command), count);
  }

  /** Like {@link #loop(String, int)} with {@code sh -c}, a lighter shell than the jobs' bash. */
  public static double shLoop(String command, int count) throws IOException, InterruptedException {
    return loop(List.of("sh", "-c", command), count);
  }

  /**
   * Like {@link #loop(String, int)} inside bubblewrap with the job sandbox's flags (read-only root,
   * own /dev, /proc and /tmp, pid and IPC namespaces), without cgroups; empty where there is no
   * {@code bwrap}.
   */
  public static Optional<Double> bwrapLoop(String command, int count)
      throws IOException, InterruptedException {
    Optional<Path> bwrap = onPath("bwrap");
    if (bwrap.isEmpty()) {
      return Optional.empty();
    }
    Path work = Files.createTempDirectory("acai-bench-bwrap");
    try {
      List<String> argv = new ArrayList<>(List.of(bwrap.get().toString()));
      argv.addAll(Sandbox.bubblewrapOptions());
      String dir = work.toRealPath().toString();
      argv.addAll(List.of("--bind", dir, dir, "--chdir", dir, "--"));
      argv.addAll(bash(command));
      return Optional.of(loop(argv, count));
    } finally {
      Files.delete(work);
    }
  }

  /**
   * Like {@link #shLoop(String, int)} in a new container of {@code image} each time, through the
   * {@code docker} command line ({@code docker run --rm --network none}); empty where there is no
   * {@code docker} program.
   */
  public static Optional<Double> dockerLoop(String image, String command, int count)
      throws IOException, InterruptedException {
    Optional<Path> docker = onPath("docker");
    if (docker.isEmpty()) {
      return Optional.empty();
    }
    List<String> argv =
        List.of(
            docker.get().toString(),
            "run",
            "--rm",
            "--network",
            "none",
            image,
            "sh",
            "-c",
            command);
    return Optional.of(loop(argv, count));
  }

  private static double loop(List<String> argv, int count)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    for (int i = 0; i < count; i++) {
      startAndWait(argv);
    }
    return (System.nanoTime() - started) / 1e6;
  }

  private static List<String> bash(String command) {
    return List.of("/bin/bash", "-c", command);
  }

  private static Optional<Path> onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  private static double startAndWait(List<String> argv) throws IOException, InterruptedException {
    long started = System.nanoTime();
    Process process =
        new ProcessBuilder(argv)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IllegalStateException("Baseline command failed with exit code " + exit);
    }
    return (System.nanoTime() - started) / 1e6;
  }
}
