package org.acai.server.job;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Persists a job's output line by line as it runs, in small batches, and caps it: past {@link
 * #MAX_BYTES} one marker line is written and the rest dropped. Thread-safe.
 */
public final class LogWriter {
  /** Most bytes of log kept per job. */
  public static final long MAX_BYTES = 16L * 1024 * 1024;

  private static final int BATCH = 200;

  private final Jdbi jdbi;
  private final long jobId;
  private final List<String> pending = new ArrayList<>();
  private long bytes;
  private boolean capped;

  LogWriter(Jdbi jdbi, long jobId) {
    this.jdbi = jdbi;
    this.jobId = jobId;
  }

  /** Adds one line; flushes when a batch is full. */
  public synchronized void line(String line) {
    if (capped) {
      return;
    }
    bytes += line.length() + 1;
    if (bytes > MAX_BYTES) {
      capped = true;
      pending.add(
          "[acai] log truncated: more than "
              + (MAX_BYTES >> 20)
              + " MiB of output; the rest is dropped");
    } else {
      pending.add(line);
    }
    if (pending.size() >= BATCH || capped) {
      flush();
    }
  }

  /** Writes the pending lines. */
  public synchronized void flush() {
    if (!pending.isEmpty()) {
      jdbi.useHandle(this::flush);
    }
  }

  /** Writes the pending lines on {@code handle}, e.g. in the transaction of a status change. */
  synchronized void flush(Handle handle) {
    if (pending.isEmpty()) {
      return;
    }
    new JobLogStore(handle).append(jobId, pending);
    pending.clear();
  }
}
