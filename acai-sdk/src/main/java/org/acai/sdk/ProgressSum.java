package org.acai.sdk;

import org.acai.sdk.transfer.TransferListener;
import org.acai.sdk.transfer.TransferOptions;

/**
 * One listener's view of a transfer made of parts that run at once: each part reports its own
 * progress, and the listener sees their sum against the whole. Thread-safe.
 */
final class ProgressSum {
  private final TransferListener listener;
  private final long totalBytes;
  private final int totalFiles;
  private final long[] bytes;
  private final int[] files;

  ProgressSum(TransferListener listener, int parts, long totalBytes, int totalFiles) {
    this.listener = listener;
    this.totalBytes = totalBytes;
    this.totalFiles = totalFiles;
    this.bytes = new long[parts];
    this.files = new int[parts];
  }

  /** {@code options} whose listener reports as part {@code part}. */
  TransferOptions part(TransferOptions options, int part) {
    if (listener == TransferListener.NONE) {
      return options;
    }
    return options.toBuilder()
        .listener((done, total, filesDone, filesTotal) -> update(part, done, filesDone))
        .build();
  }

  private synchronized void update(int part, long done, int filesDone) {
    bytes[part] = done;
    files[part] = filesDone;
    long allBytes = 0;
    int allFiles = 0;
    for (int i = 0; i < bytes.length; i++) {
      allBytes += bytes[i];
      allFiles += files[i];
    }
    listener.progress(allBytes, totalBytes, allFiles, totalFiles);
  }
}
