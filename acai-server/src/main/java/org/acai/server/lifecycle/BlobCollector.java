package org.acai.server.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.acai.server.blob.BlobGuard;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.SupportsDeletion;
import org.acai.server.db.DigestKeys;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Deletes the bytes of blobs no file version references any more. It walks the candidates the purge
 * recorded in batches, never the whole store or every key at once, and decides under the exclusive
 * {@link BlobGuard} lock, so an identical upload either committed before (the blob is referenced
 * and kept) or waits and stores its own copy after. Running it twice at once, or again after a
 * crash, is safe: the lock serializes sweeps and deleting a missing blob is fine. Thread-safe.
 */
final class BlobCollector {
  private final Jdbi jdbi;
  private final BlobStore blobs;
  private final Duration grace;
  private final int batchSize;

  BlobCollector(Jdbi jdbi, BlobStore blobs, Duration grace, int batchSize) {
    this.jdbi = jdbi;
    this.blobs = blobs;
    this.grace = grace;
    this.batchSize = batchSize;
  }

  /** What a sweep freed and kept. */
  record Sweep(long freedBlobs, long freedBytes, long keptBlobs) {}

  /**
   * Sweeps the due candidates batch by batch, each in a transaction of its own.
   *
   * @param progress told the blobs freed so far after each committed batch
   */
  Sweep sweep(LongConsumer progress) {
    if (!(blobs instanceof SupportsDeletion deletion)) {
      return new Sweep(0, 0, 0);
    }
    long freed = 0;
    long bytes = 0;
    long kept = 0;
    String after = "";
    while (true) {
      String from = after;
      Batch batch = jdbi.inTransaction(handle -> sweepBatch(handle, deletion, from));
      if (batch.last() == null) {
        return new Sweep(freed, bytes, kept);
      }
      freed += batch.freed().size();
      progress.accept(freed);
      bytes += batch.freed().stream().mapToLong(BlobRef::size).sum();
      kept += batch.kept();
      after = batch.last();
    }
  }

  /** What a sweep would free now, without changing anything. */
  Sweep dryRun() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT count(*) AS blobs, coalesce(sum(c.size), 0) AS bytes"
                        + " FROM blob_candidates c WHERE "
                        + due("c")
                        + " AND NOT EXISTS (SELECT 1 FROM file_versions v WHERE "
                        + DigestKeys.same("v.sha256", "c.sha256")
                        + ")")
                .bind("grace", interval())
                .map((rs, ctx) -> new Sweep(rs.getLong("blobs"), rs.getLong("bytes"), 0))
                .one());
  }

  private record Batch(List<BlobRef> freed, int kept, String last) {}

  private Batch sweepBatch(Handle handle, SupportsDeletion deletion, String after) {
    BlobGuard.lockForSweep(handle);
    List<BlobRef> candidates =
        handle
            .createQuery(
                "SELECT sha256, size FROM blob_candidates c WHERE c.sha256 > :after AND "
                    + due("c")
                    + " ORDER BY sha256 LIMIT :limit")
            .bind("after", after)
            .bind("grace", interval())
            .bind("limit", batchSize)
            .map((rs, ctx) -> new BlobRef(rs.getString("sha256"), rs.getLong("size")))
            .list();
    if (candidates.isEmpty()) {
      return new Batch(List.of(), 0, null);
    }
    List<String> shas = candidates.stream().map(BlobRef::sha256).toList();
    Set<String> referenced =
        new HashSet<>(
            handle
                .createQuery(
                    "SELECT t.sha FROM unnest(:shas) AS t(sha) WHERE EXISTS"
                        + " (SELECT 1 FROM file_versions v WHERE "
                        + DigestKeys.same("v.sha256", "t.sha")
                        + ")")
                .bindArray("shas", String.class, shas)
                .mapTo(String.class)
                .list());
    List<BlobRef> doomed = new ArrayList<>();
    for (BlobRef candidate : candidates) {
      if (!referenced.contains(candidate.sha256())) {
        doomed.add(candidate);
      }
    }
    deletion.delete(doomed);
    handle
        .createUpdate("DELETE FROM blob_candidates WHERE sha256 = ANY(:shas)")
        .bindArray("shas", String.class, shas)
        .execute();
    return new Batch(doomed, referenced.size(), shas.get(shas.size() - 1));
  }

  private static String due(String alias) {
    return alias + ".since <= now() - CAST(:grace AS interval)";
  }

  private String interval() {
    return grace.toMillis() + " milliseconds";
  }
}
