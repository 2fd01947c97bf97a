package org.acai.bench.job;

import java.io.IOException;

/** The baseline: the same command started with a bare {@link ProcessBuilder}, no server. */
public final class BareProcess {
  private BareProcess() {}

  /** Starts {@code sh -c command}, waits for it, and returns the milliseconds taken. */
  public static double startAndWait(String command) throws IOException, InterruptedException {
    long started = System.nanoTime();
    Process process =
        new ProcessBuilder("sh", "-c", command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IllegalStateException("Baseline command failed with exit code " + exit);
    }
    return (System.nanoTime() - started) / 1e6;
  }

  /** Runs the command {@code count} times one after the other; returns the total milliseconds. */
  public static double loop(String command, int count) throws IOException, InterruptedException {
    long started = System.nanoTime();
    for (int i = 0; i < count; i++) {
      startAndWait(command);
    }
    return (System.nanoTime() - started) / 1e6;
  }
}
