package org.acai.server.job;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists a job's output line by line as it runs, in small batches written when full or at most
 * {@link #LATENCY_MILLIS} after their first line (so that a follower on any replica sees a quiet
 * job's lines as they come), and caps it: past {@link #MAX_BYTES} one marker line is written and
 * the rest dropped. Lines are numbered here, from 0: a job's log has this one writer, made when the
 * job launches, and a job launches once. Batches are committed in order, so a reader following the
 * log never sees a gap fill in later. Thread-safe.
 */
public final class LogWriter {
  /** Most bytes of log kept per job. */
  public static final long MAX_BYTES = 16L * 1024 * 1024;

  /** Longest a line waits in memory before it is written. */
  static final long LATENCY_MILLIS = 200;

  private static final Logger LOG = LoggerFactory.getLogger(LogWriter.class);
  private static final int BATCH = 200;

  private final Jdbi jdbi;
  private final long jobId;
  private final LogFlusher flusher;
  private final List<String> pending = new ArrayList<>();
  private long nextLine;
  private long bytes;
  private boolean capped;
  private boolean inFlight;

  LogWriter(Jdbi jdbi, long jobId, LogFlusher flusher) {
    this.jdbi = jdbi;
    this.jobId = jobId;
    this.flusher = flusher;
  }

  /**
   * A writer that continues a log already written to: for a job a restarted server took over from
   * the executor, whose earlier server wrote its first lines.
   */
  static LogWriter resuming(Jdbi jdbi, long jobId, LogFlusher flusher) {
    LogWriter writer = new LogWriter(jdbi, jobId, flusher);
    writer.nextLine =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT coalesce(max(line_no) + 1, 0) FROM job_logs WHERE job_id = :job")
                    .bind("job", jobId)
                    .mapTo(Long.class)
                    .one());
    return writer;
  }

  /** Adds one line; flushes when a batch is full. */
  public synchronized void line(String line) {
    if (capped) {
      return;
    }
    if (pending.isEmpty()) {
      flusher.later(this::flushLate, LATENCY_MILLIS);
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
    awaitCommitted();
    Batch batch = take();
    if (!batch.lines().isEmpty()) {
      jdbi.useHandle(handle -> batch.append(handle));
    }
  }

  private synchronized void flushLate() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warn("Cannot write the log of job {}: {}", jobId, e.toString());
    }
  }

  /**
   * Takes the pending lines, numbered, to be written in a transaction of the caller's (a status
   * change); other flushes wait until {@link #committed()} is called.
   */
  synchronized Batch drain() {
    awaitCommitted();
    Batch batch = take();
    inFlight = !batch.lines().isEmpty();
    return batch;
  }

  /** The transaction holding the last {@link #drain()}ed batch has ended. */
  synchronized void committed() {
    inFlight = false;
    notifyAll();
  }

  private Batch take() {
    Batch batch = new Batch(jobId, nextLine, List.copyOf(pending));
    nextLine += pending.size();
    pending.clear();
    return batch;
  }

  private void awaitCommitted() {
    boolean interrupted = false;
    while (inFlight) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Numbered lines of one job.
   *
   * @param jobId the job
   * @param firstLine the number of the first line
   * @param lines the lines, possibly none
   */
  record Batch(long jobId, long firstLine, List<String> lines) {
    /** No lines. */
    static final Batch NONE = new Batch(0, 0, List.of());

    /** Inserts the lines on {@code handle}, if there are any. */
    void append(Handle handle) {
      if (!lines.isEmpty()) {
        new JobLogStore(handle).append(jobId, firstLine, lines);
      }
    }

    /** {@code , l AS (...)} inserting the lines, to append to a WITH; empty without lines. */
    String withClause() {
      return lines.isEmpty() ? "" : ", l AS (" + JobLogStore.INSERT_LINES + ")";
    }

    /** Binds what {@link #withClause()} needs. */
    <T extends SqlStatement<T>> T bind(T statement) {
      return lines.isEmpty()
          ? statement
          : statement
              .bind("job", jobId)
              .bind("first", firstLine)
              .bind("lines", lines.toArray(new String[0]));
    }
  }
}
