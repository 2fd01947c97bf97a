package org.acai.sdk.transfer;

/**
 * Progress of a batch transfer; called from transfer threads, so implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface TransferListener {
  /** Ignores progress. */
  TransferListener NONE = (bytesDone, bytesTotal, filesDone, filesTotal) -> {};

  /**
   * Reports progress.
   *
   * @param bytesDone bytes transferred so far
   * @param bytesTotal bytes in the whole batch
   * @param filesDone files completed so far
   * @param filesTotal files in the batch
   */
  void progress(long bytesDone, long bytesTotal, int filesDone, int filesTotal);
}
