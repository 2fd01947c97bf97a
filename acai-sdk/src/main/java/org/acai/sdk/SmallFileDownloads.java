package org.acai.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
   * The size from which files need a presigned URL, when the server takes batches: smaller ones are
   * always batched by {@link #download}. Empty when it does not (every file needs its URL).
   */
  Optional<Long> urlMinSize() {
    return batches.limits().enabled() ? Optional.of(SMALL_FILE + 1) : Optional.empty();
  }

  /**
   * Downloads the small files among the tasks in batches (a task without a URL is always small).
   *
   * @param ids each task's explicit id {@code path:version}
   * @param fileSet the file set ({@code name:N}) the ids are members of, or null
   * @return the tasks left for the URLs
   */
  List<DownloadTask> download(
      List<DownloadTask> tasks, List<String> ids, String fileSet, TransferOptions options) {
    List<Integer> small = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i).size() <= SMALL_FILE) {
        small.add(i);
      }
    }
    // One small file with a URL is as quick through it as in a batch of one.
    if (small.isEmpty() || (small.size() == 1 && tasks.get(small.get(0)).url() != null)) {
      return tasks;
    }
    BatchLimits limits = batches.limits();
    if (!limits.enabled()) {
      return tasks;
    }
    // One batch at a time: four at once took twice the kernel CPU here and were slower overall
    // (file creations in one directory; measured on ext4). The listener sees their sum.
    int perPart = Math.min(BATCH_FILES, limits.maxFiles());
    List<List<Integer>> parts = new ArrayList<>();
    for (int start = 0; start < small.size(); start += perPart) {
      parts.add(small.subList(start, Math.min(small.size(), start + perPart)));
    }
    long bytes = small.stream().mapToLong(i -> tasks.get(i).size()).sum();
    ProgressSum progress = new ProgressSum(options.listener(), parts.size(), bytes, small.size());
    for (int k = 0; k < parts.size(); k++) {
      List<Integer> batch = parts.get(k);
      batches.download(
          batch.stream().map(ids::get).toList(),
          batch.stream().map(i -> tasks.get(i).target()).toList(),
          fileSet,
          progress.part(options, k));
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
