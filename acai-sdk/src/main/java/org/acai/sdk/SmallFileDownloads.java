package org.acai.sdk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.acai.api.storage.BatchLimits;
import org.acai.sdk.transfer.BatchTransfers;
import org.acai.sdk.transfer.DownloadTask;
import org.acai.sdk.transfer.TransferOptions;

/**
 * Fetches the small files of a download in batches (one streamed answer each) where the server
 * sends them; the rest is left for the presigned URLs.
 */
final class SmallFileDownloads {
  /** Files up to this size are batched. */
  static final long SMALL_FILE = 1L << 20;

  /** Files in one batch at most. */
  static final int BATCH_FILES = 10_000;

  private final BatchTransfers batches;

  SmallFileDownloads(BatchTransfers batches) {
    this.batches = batches;
  }

  /**
   * Downloads the small files among the tasks in batches.
   *
   * @param ids each task's explicit id {@code path:version}
   * @return the tasks left for the URLs
   */
  List<DownloadTask> download(List<DownloadTask> tasks, List<String> ids, TransferOptions options) {
    List<Integer> small = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i).size() <= SMALL_FILE) {
        small.add(i);
      }
    }
    if (small.size() < 2) {
      return tasks;
    }
    BatchLimits limits = batches.limits();
    if (!limits.enabled()) {
      return tasks;
    }
    for (int start = 0; start < small.size(); start += BATCH_FILES) {
      List<Integer> batch = small.subList(start, Math.min(small.size(), start + BATCH_FILES));
      List<String> batchIds = batch.stream().map(ids::get).toList();
      List<Path> targets = batch.stream().map(i -> tasks.get(i).target()).toList();
      batches.download(batchIds, targets, options);
    }
    List<DownloadTask> rest = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i).size() > SMALL_FILE) {
        rest.add(tasks.get(i));
      }
    }
    return rest;
  }
}
