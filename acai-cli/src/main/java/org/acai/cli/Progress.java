package org.acai.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.acai.sdk.transfer.TransferListener;

/**
 * A progress bar on standard error for transfers that last longer than a second; shorter ones print
 * nothing. Thread-safe.
 */
public final class Progress implements TransferListener, AutoCloseable {
  private static final long DELAY_NANOS = 1_000_000_000L;

  private final String task;
  private final PrintStream err;
  private final long started = System.nanoTime();
  private ProgressBar bar;

  /** A progress reporter named {@code task}, drawing on {@code err}. */
  public Progress(String task, PrintStream err) {
    this.task = task;
    this.err = err;
  }

  @Override
  public synchronized void progress(
      long bytesDone, long bytesTotal, int filesDone, int filesTotal) {
    if (bar == null && System.nanoTime() - started > DELAY_NANOS) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(task + " " + filesTotal + " file(s)")
              .setInitialMax(Math.max(1, bytesTotal))
              .setUnit("MiB", 1 << 20)
              .setStyle(ProgressBarStyle.ASCII)
              .setConsumer(new ConsoleProgressBarConsumer(err))
              .build();
    }
    if (bar != null) {
      bar.stepTo(bytesDone);
    }
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
