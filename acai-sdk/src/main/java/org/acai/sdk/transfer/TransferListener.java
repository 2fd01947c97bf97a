package org.acai.sdk.transfer;

/**
 * Progress of a batch transfer, e.g. for a progress bar. It is called from transfer threads, one
 * call at a time, often (every chunk of every file), so it should be quick. Totals only grow,
 * except that the bytes of a failed attempt are taken back before it is retried; the last call
 * reports the whole batch.
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
