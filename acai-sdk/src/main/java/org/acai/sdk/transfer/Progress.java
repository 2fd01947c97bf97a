package org.acai.sdk.transfer;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Running totals of one batch, reported to its listener. Thread-safe; reports are serialized and
 * read the totals when they are made, so the last report always shows the final totals.
 */
final class Progress {
  private final TransferListener listener;
  private final long totalBytes;
  private final int totalFiles;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicInteger files = new AtomicInteger();

  Progress(TransferListener listener, long totalBytes, int totalFiles) {
    this.listener = listener;
    this.totalBytes = totalBytes;
    this.totalFiles = totalFiles;
  }

  /** A counter for one attempt at one file, so that a failed attempt's bytes can be taken back. */
  Attempt attempt() {
    return new Attempt();
  }

  void fileDone() {
    files.incrementAndGet();
    report();
  }

  private synchronized void report() {
    listener.progress(bytes.get(), totalBytes, files.get(), totalFiles);
  }

  /** Bytes moved by one attempt. */
  final class Attempt {
    private final AtomicLong counted = new AtomicLong();

    void add(long count) {
      counted.addAndGet(count);
      bytes.addAndGet(count);
      report();
    }

    void rollback() {
      long taken = counted.getAndSet(0);
      if (taken != 0) {
        bytes.addAndGet(-taken);
        report();
      }
    }
  }
}
