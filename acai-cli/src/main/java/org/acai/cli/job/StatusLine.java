package org.acai.cli.job;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.acai.api.job.JobState;
import org.acai.cli.CliContext;

/**
 * Shows a waiting job on standard error: on a terminal one line redrawn in place with a spinner and
 * the elapsed time, otherwise one plain line per change. Thread-safe.
 */
public final class StatusLine implements AutoCloseable {
  private static final String SPINNER = "|/-\\";
  private static final long TICK_MILLIS = 125;
  private static final int MAX_REASON = 48;

  private final PrintStream err;
  private final long started = System.nanoTime();
  private final ScheduledExecutorService ticker;
  private String text = "";
  private int frame;

  private StatusLine(PrintStream err, boolean interactive) {
    this.err = err;
    if (interactive) {
      this.ticker =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "acai-status-line");
                thread.setDaemon(true);
                return thread;
              });
      var unused =
          ticker.scheduleAtFixedRate(this::redraw, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    } else {
      this.ticker = null;
    }
  }

  /** A status line for this command's standard error; redrawn only when it is a terminal. */
  // On Java 17, the release we target, a null console means no terminal.
  @SuppressWarnings("SystemConsoleNull")
  public static StatusLine of(CliContext context) {
    boolean terminal =
        context.err() == System.err
            && System.console() != null
            && !"dumb".equals(context.env().get("TERM"));
    return new StatusLine(context.err(), terminal);
  }

  /** Shows a job's new state. */
  public synchronized void update(JobState state) {
    text =
        "job "
            + state.id()
            + " "
            + state.jobStatus()
            + (state.reason() == null || state.reason().isBlank()
                ? ""
                : " (" + shortened(state.reason()) + ")");
    if (ticker == null) {
      err.printf("%s [%s]%n", text, elapsed());
      err.flush();
    } else {
      redraw();
    }
  }

  private static String shortened(String reason) {
    return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 3) + "...";
  }

  private synchronized void redraw() {
    frame = (frame + 1) % SPINNER.length();
    err.print("\r\u001b[K" + SPINNER.charAt(frame) + " " + text + "  " + elapsed());
    err.flush();
  }

  private String elapsed() {
    return String.format(Locale.ROOT, "%.1fs", (System.nanoTime() - started) / 1e9);
  }

  /** Stops redrawing and leaves the last state on its own line. */
  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
      err.print("\r\u001b[K" + text + "  " + elapsed() + System.lineSeparator());
      err.flush();
    }
  }
}
