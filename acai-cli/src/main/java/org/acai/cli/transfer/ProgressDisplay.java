package org.acai.cli.transfer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.acai.sdk.transfer.TransferListener;

/**
 * A progress bar on standard error for transfers that last longer than a second; quick ones print
 * nothing. Thread-safe: transfer threads report, the command closes it when done.
 */
public final class ProgressDisplay implements TransferListener, AutoCloseable {
  private static final Duration QUIET_FOR = Duration.ofSeconds(1);
  private static final int WIDTH = 100;

  private final PrintStream err;
  private final String task;
  private final LongSupplier clock;
  private final long started;
  private ProgressBar bar;
  private boolean closed;

  /** A display for {@code task} (e.g. "put") drawn on {@code err}. */
  public ProgressDisplay(PrintStream err, String task) {
    this(err, task, System::nanoTime);
  }

  ProgressDisplay(PrintStream err, String task, LongSupplier clock) {
    this.err = err;
    this.task = task;
    this.clock = clock;
    this.started = clock.getAsLong();
  }

  @Override
  public synchronized void progress(
      long bytesDone, long bytesTotal, int filesDone, int filesTotal) {
    if (closed) {
      return;
    }
    if (bar == null) {
      if (clock.getAsLong() - started < QUIET_FOR.toNanos()) {
        return;
      }
      bar =
          new ProgressBarBuilder()
              .setTaskName(task)
              .setInitialMax(Math.max(1, bytesTotal))
              .setStyle(ProgressBarStyle.UNICODE_BLOCK)
              .setUnit("MiB", 1 << 20)
              .showSpeed()
              .setUpdateIntervalMillis(250)
              .setConsumer(new ConsoleProgressBarConsumer(err, WIDTH))
              .build();
    }
    bar.stepTo(bytesDone);
    bar.setExtraMessage(" " + filesDone + "/" + filesTotal + " files");
  }

  /** Whether the bar has been drawn (the transfer outlasted the quiet second). */
  public synchronized boolean isShown() {
    return bar != null;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (bar != null) {
      bar.close();
    }
  }
}
