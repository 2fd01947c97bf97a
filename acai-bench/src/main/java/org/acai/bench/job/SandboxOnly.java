package org.acai.bench.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.acai.server.job.exec.ExitOutcome;
import org.acai.server.job.exec.local.Sandbox;
import org.acai.server.job.exec.local.SandboxSpec;

/**
 * The process work of the local executor with nothing around it: per job a fresh work dir, then the
 * server's own {@link Sandbox} (cgroups created, joined and removed, bubblewrap, {@code bash -c}),
 * several jobs at a time. No HTTP, no database, no status or log records: the lower bound of what a
 * sandboxed job can cost on this machine.
 */
public final class SandboxOnly {
  private SandboxOnly() {}

  /**
   * Runs {@code command} as {@code count} sandboxed jobs, {@code lanes} at a time; returns the wall
   * milliseconds.
   */
  public static double run(Sandbox sandbox, String command, int count, int lanes)
      throws IOException, InterruptedException {
    Path root = Files.createTempDirectory("acai-bench-sandbox");
    ExecutorService threads = Executors.newFixedThreadPool(lanes);
    try {
      long started = System.nanoTime();
      List<Future<?>> jobs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Path work = root.resolve("job-" + i);
        String name = "bench-" + ProcessHandle.current().pid() + "-" + i;
        jobs.add(threads.submit(() -> runOne(sandbox, command, work, name)));
      }
      for (Future<?> job : jobs) {
        job.get();
      }
      return (System.nanoTime() - started) / 1e6;
    } catch (ExecutionException e) {
      throw new IllegalStateException("A sandboxed baseline job failed", e.getCause());
    } finally {
      threads.shutdownNow();
      Files.delete(root);
    }
  }

  private static Void runOne(Sandbox sandbox, String command, Path work, String name)
      throws InterruptedException {
    try {
      Files.createDirectory(work);
      ExitOutcome outcome =
          sandbox.start(SandboxSpec.of(work, command, name), (channel, line) -> {}).await();
      if (!outcome.isSuccess()) {
        throw new IllegalStateException("Sandboxed baseline job ended " + outcome);
      }
      Files.delete(work);
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
