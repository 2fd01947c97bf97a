package org.acai.sdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.storage.BatchLimits;
import org.acai.sdk.transfer.BatchTransfers;
import org.acai.sdk.transfer.ParallelParts;
import org.acai.sdk.transfer.TransferOptions;

/**
 * Sends the small files of an upload in batches (one streamed request and one server transaction
 * each) where the server takes them; the rest goes through upload sessions.
 */
final class SmallFileBatches {
  /** Files up to this size are batched (if the server allows as much). */
  static final long SMALL_FILE = 1L << 20;

  /** Bytes in one batch at most (if the server allows as much). */
  static final long BATCH_BYTES = 256L << 20;

  private final BatchTransfers batches;

  SmallFileBatches(BatchTransfers batches) {
    this.batches = batches;
  }

  /**
   * What an upload through batches made: every pair with its version, in order; and when the
   * batches also filled a file-set draft, its id and the pairs that are not in it.
   */
  record Batched(List<FilePair> pairs, Long draft, List<FilePair> undrafted) {}

  /**
   * Uploads the pairs, small files in batches; empty when batches do not apply (the server has
   * none, there are no small files, or one path is both small and large in this upload, whose
   * versions must then follow list order through one route).
   *
   * @param known local files' sizes already known, by local path (the others are measured)
   * @param sessions uploads pairs through upload sessions
   * @param drafts opens a file-set draft for the batches to fill, or null for none (there is none
   *     either when a path is named twice: a set holds one version per path)
   */
  Optional<Batched> upload(
      List<FilePair> pairs,
      Map<String, Long> known,
      TransferOptions options,
      BiFunction<List<FilePair>, TransferOptions, List<FilePair>> sessions,
      Supplier<Long> drafts) {
    BatchLimits limits = batches.limits();
    if (!limits.enabled()) {
      return Optional.empty();
    }
    long smallest = Math.min(SMALL_FILE, limits.maxFileSize());
    long[] sizes = new long[pairs.size()];
    List<Integer> small = new ArrayList<>();
    List<Integer> large = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      Long seen = known.get(pairs.get(i).local());
      sizes[i] = seen != null ? seen : size(Path.of(pairs.get(i).local()));
      (sizes[i] <= smallest ? small : large).add(i);
    }
    if (small.isEmpty() || clash(pairs, small, large)) {
      return Optional.empty();
    }
    long total = Arrays.stream(sizes).sum();
    FilePair[] done = new FilePair[pairs.size()];
    List<List<Integer>> plan = plan(small, sizes, limits);
    ProgressSum progress = new ProgressSum(options.listener(), plan.size(), total, pairs.size());
    // The same path twice must get its versions in list order: then one batch at a time.
    boolean distinct = distinctRemotes(pairs, small);
    int streams = distinct ? Math.min(options.parallelism(), ParallelParts.STREAMS) : 1;
    Long draft = drafts != null && distinct ? drafts.get() : null;
    ParallelParts.run(
        plan.size(),
        streams,
        k -> {
          List<Integer> batch = plan.get(k);
          List<String> ids =
              batches.upload(
                  batch.stream().map(i -> Path.of(pairs.get(i).local())).toList(),
                  batch.stream().map(i -> pairs.get(i).remote()).toList(),
                  batch.stream().mapToLong(i -> sizes[i]).sum(),
                  draft,
                  progress.part(options, k));
          for (int j = 0; j < batch.size(); j++) {
            done[batch.get(j)] = new FilePair(pairs.get(batch.get(j)).local(), ids.get(j));
          }
        });
    long bytesBefore = small.stream().mapToLong(i -> sizes[i]).sum();
    if (!large.isEmpty()) {
      List<FilePair> uploaded =
          sessions.apply(
              large.stream().map(pairs::get).toList(),
              Uploader.withOffset(options, bytesBefore, small.size(), total, pairs.size()));
      for (int k = 0; k < large.size(); k++) {
        done[large.get(k)] = uploaded.get(k);
      }
    }
    List<FilePair> undrafted = large.stream().map(i -> done[i]).toList();
    return Optional.of(new Batched(List.of(done), draft, undrafted));
  }

  /**
   * Splits the small files into batches within the server's limits, and into several when there are
   * enough files ({@link ParallelParts#filesPerPart}): the server then commits one batch while the
   * next ones stream, on as many database connections.
   */
  private static List<List<Integer>> plan(List<Integer> small, long[] sizes, BatchLimits limits) {
    long batchBytes = Math.min(BATCH_BYTES, limits.maxBytes());
    int perBatch = ParallelParts.filesPerPart(small.size(), limits.maxFiles());
    return Parts.split(small, i -> sizes[i], perBatch, batchBytes);
  }

  private static boolean distinctRemotes(List<FilePair> pairs, List<Integer> small) {
    Set<String> seen = new HashSet<>();
    return small.stream().allMatch(i -> seen.add(pairs.get(i).remote()));
  }

  private static boolean clash(List<FilePair> pairs, List<Integer> small, List<Integer> large) {
    Set<String> smallPaths = new HashSet<>();
    small.forEach(i -> smallPaths.add(pairs.get(i).remote()));
    return large.stream().anyMatch(i -> smallPaths.contains(pairs.get(i).remote()));
  }

  private static long size(Path file) {
    try {
      if (Files.isRegularFile(file) && Files.isReadable(file)) {
        return Files.size(file);
      }
    } catch (IOException e) {
      // Reported below, as for any unreadable file.
    }
    throw new InvalidRequestException("Cannot upload %s: not a readable file", file);
  }
}
