package org.acai.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.acai.api.storage.BatchLimits;
import org.acai.sdk.transfer.BatchTransfers;
import org.acai.sdk.transfer.DownloadTask;
import org.acai.sdk.transfer.ParallelParts;
import org.acai.sdk.transfer.TransferOptions;

/**
 * Fetches the small files of a download in batches (one streamed answer each) where the server
 * sends them; the rest is left for the presigned URLs.
 */
final class SmallFileDownloads {
  /** Files up to this size are batched. */
  static final long SMALL_FILE = 1L << 20;

  /**
   * Files in one part at most. Smaller parts hide more of the server's work on the next one (it
   * resolves and locates a part's files before its first byte), larger ones cost fewer requests.
   */
  static final int PART_FILES = 2_000;

  /** Bytes in one part at most (so that a part waiting for its turn waits briefly). */
  static final long PART_BYTES = 64L << 20;

  /**
   * Parts written at once. Two took 3-8 % less time (two A/Bs) than one stream that asks for the
   * next part ahead ({@link BatchTransfers#download(List, String)}, still used with a parallelism
   * of one), alternating 10k-file gets into ten folders and into one (the writer's CPU, mostly the
   * kernel's file creation, is then spread over two cores); four at once took twice the kernel CPU
   * here and were slower, creating files in one folder.
   */
  static final int STREAMS = 2;

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
    // Parts of at most PART_FILES files and PART_BYTES bytes, within the server's limit.
    List<List<Integer>> parts =
        Parts.split(
            small, i -> tasks.get(i).size(), Math.min(PART_FILES, limits.maxFiles()), PART_BYTES);
    long bytes = small.stream().mapToLong(i -> tasks.get(i).size()).sum();
    ProgressSum progress = new ProgressSum(options.listener(), parts.size(), bytes, small.size());
    List<BatchTransfers.DownloadPart> planned = new ArrayList<>();
    for (int k = 0; k < parts.size(); k++) {
      List<Integer> batch = parts.get(k);
      planned.add(
          new BatchTransfers.DownloadPart(
              batch.stream().map(ids::get).toList(),
              batch.stream().map(i -> tasks.get(i).target()).toList(),
              progress.part(options, k)));
    }
    int streams = Math.min(STREAMS, options.parallelism());
    if (streams <= 1) {
      batches.download(planned, fileSet);
    } else {
      // A part that fails stops those not started yet; the ones running end first.
      ParallelParts.run(
          planned.size(), streams, k -> batches.download(List.of(planned.get(k)), fileSet));
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
