package org.acai.bench.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The baseline commands and disk housekeeping. */
public final class Shell {
  private Shell() {}

  /** Runs a command to completion, failing unless it exits 0. */
  public static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of(command)).inheritIO().start();
    int code = process.waitFor();
    if (code != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + code);
    }
  }

  /**
   * Runs a command with extra environment variables, its standard output discarded and its standard
   * error appended to {@code log}, failing unless it exits 0.
   */
  public static void run(java.util.Map<String, String> env, List<String> command, Path log)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    int code = builder.start().waitFor();
    if (code != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + code + "; see " + log);
    }
  }

  /**
   * Runs {@code curl} over a config file of transfers ({@code url}/{@code output} or {@code
   * upload-file} pairs), {@code parallelism} at a time, failing on any HTTP error.
   */
  public static void curl(Path config, int parallelism) throws IOException, InterruptedException {
    run(
        "curl",
        "-sS",
        "--no-progress-meter",
        "--fail",
        "--parallel",
        "--parallel-max",
        Integer.toString(parallelism),
        "-K",
        config.toString());
  }

  /** Flushes dirty pages, so that one run does not pay for the writes of the one before. */
  public static void sync() throws IOException, InterruptedException {
    run("sync");
  }

  /** Deletes a tree (blobs are read-only files, which is fine in writable folders). */
  public static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
