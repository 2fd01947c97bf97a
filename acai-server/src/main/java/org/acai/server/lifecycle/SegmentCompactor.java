package org.acai.server.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.acai.api.error.ServiceFailureException;
import org.acai.server.blob.BlobGuard;
import org.acai.server.blob.local.SegmentStore;
import org.acai.server.blob.local.SegmentWriter;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Gives back the space of dead blobs in segment files. A segment at most half of whose bytes are
 * still indexed is compacted: its live blobs are copied into a new segment, which is fsynced, then
 * repointed in one transaction (only the rows still in the old segment: one the sweep deleted
 * meanwhile stays deleted), and the old segment is retired. A retired segment's file is deleted by
 * a later run, once the grace period has passed, so that a download that looked a blob up before
 * the repointing can still read it. Runs under the exclusive {@link BlobGuard} lock only while it
 * repoints; a batch commit reusing a packed blob holds a key-share lock on its row, which the
 * repointing does not conflict with, and reads follow the index. A crash leaves either an unknown
 * new segment file (fsck repairs it) or a retired one (the next run deletes it). Thread-safe.
 */
final class SegmentCompactor {
  /** Segments examined per query. */
  private static final int BATCH = 100;

  /** Most bytes copied into one new segment. */
  private static final long MAX_SEGMENT = 64L << 20;

  private final Jdbi jdbi;
  private final SegmentStore store;
  private final Duration grace;

  SegmentCompactor(Jdbi jdbi, SegmentStore store, Duration grace) {
    this.jdbi = jdbi;
    this.store = store;
    this.grace = grace;
  }

  /** What a run did: segments retired and deleted, and the bytes their files held. */
  record Result(long compacted, long deleted, long reclaimedBytes) {}

  private record Candidate(long id, String name) {}

  private record Live(String sha256, long size, long offset, String segment) {}

  Result run() {
    long[] deleted = deleteRetired();
    long compacted = 0;
    long after = 0;
    while (true) {
      List<Candidate> batch = candidates(after);
      for (int start = 0; start < batch.size(); ) {
        int end = group(batch, start);
        compact(batch.subList(start, end));
        compacted += end - start;
        start = end;
      }
      if (batch.size() < BATCH) {
        return new Result(compacted, deleted[0], deleted[1]);
      }
      after = batch.get(batch.size() - 1).id();
    }
  }

  /** Segments not retired whose indexed bytes are at most half their size. */
  private List<Candidate> candidates(long after) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT s.id, s.name FROM blob_segments s WHERE s.id > :after"
                        + " AND s.retired_at IS NULL AND s.size > 0"
                        + " AND 2 * (SELECT coalesce(sum(p.size), 0) FROM packed_blobs p"
                        + " WHERE p.segment_id = s.id) <= s.size"
                        + " ORDER BY s.id LIMIT :limit")
                .bind("after", after)
                .bind("limit", BATCH)
                .map((rs, ctx) -> new Candidate(rs.getLong(1), rs.getString(2)))
                .list());
  }

  /** The end of a group of segments starting at {@code start} whose live bytes fit one segment. */
  private int group(List<Candidate> batch, int start) {
    long bytes = 0;
    int end = start;
    while (end < batch.size()) {
      long id = batch.get(end).id();
      long live =
          jdbi.withHandle(
              handle ->
                  handle
                      .createQuery(
                          "SELECT coalesce(sum(size), 0) FROM packed_blobs WHERE segment_id = :id")
                      .bind("id", id)
                      .mapTo(Long.class)
                      .one());
      if (end > start && bytes + live > MAX_SEGMENT) {
        break;
      }
      bytes += live;
      end++;
    }
    return end;
  }

  private void compact(List<Candidate> segments) {
    List<Long> ids = segments.stream().map(Candidate::id).toList();
    List<Live> live = live(ids);
    if (live.isEmpty()) {
      jdbi.useTransaction(handle -> retire(handle, ids));
      return;
    }
    SegmentWriter writer = store.create();
    boolean recorded = false;
    try {
      List<Long> offsets = new ArrayList<>(live.size());
      for (Live blob : live) {
        try (InputStream in = store.open(blob.segment(), blob.offset(), blob.size())) {
          offsets.add(writer.append(in, blob.size()));
        }
      }
      long size = writer.finish();
      jdbi.useTransaction(handle -> repoint(handle, writer.name(), size, live, offsets, ids));
      recorded = true;
    } catch (IOException e) {
      throw new ServiceFailureException(e, "Cannot compact segments: %s", e.getMessage());
    } finally {
      if (!recorded) {
        writer.delete();
      }
    }
  }

  private List<Live> live(List<Long> ids) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT p.sha256, p.size, p.\"offset\", s.name FROM packed_blobs p"
                        + " JOIN blob_segments s ON s.id = p.segment_id"
                        + " WHERE p.segment_id = ANY(:ids) ORDER BY p.segment_id, p.\"offset\"")
                .bindArray("ids", Long.class, ids)
                .map(
                    (rs, ctx) ->
                        new Live(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)))
                .list());
  }

  private static void repoint(
      Handle handle,
      String name,
      long size,
      List<Live> live,
      List<Long> offsets,
      List<Long> oldIds) {
    BlobGuard.lockForSweep(handle);
    long id =
        handle
            .createQuery(
                "INSERT INTO blob_segments (name, size) VALUES (:name, :size) RETURNING id")
            .bind("name", name)
            .bind("size", size)
            .mapTo(Long.class)
            .one();
    handle
        .createUpdate(
            "UPDATE packed_blobs p SET segment_id = :id, \"offset\" = t.off"
                + " FROM unnest(:shas, :offsets) AS t(sha, off)"
                + " WHERE p.sha256 = t.sha AND p.segment_id = ANY(:old)")
        .bind("id", id)
        .bindArray("shas", String.class, live.stream().map(Live::sha256).toList())
        .bindArray("offsets", Long.class, offsets)
        .bindArray("old", Long.class, oldIds)
        .execute();
    retire(handle, oldIds);
  }

  private static void retire(Handle handle, List<Long> ids) {
    handle
        .createUpdate(
            "UPDATE blob_segments SET retired_at = now() WHERE id = ANY(:ids)"
                + " AND NOT EXISTS (SELECT 1 FROM packed_blobs p WHERE p.segment_id = blob_segments.id)")
        .bindArray("ids", Long.class, ids)
        .execute();
  }

  /** Deletes the files and rows of segments retired longer ago than the grace period. */
  private long[] deleteRetired() {
    long[] done = new long[2];
    List<Candidate> retired =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT id, name FROM blob_segments WHERE retired_at IS NOT NULL"
                            + " AND retired_at <= now() - CAST(:grace AS interval)")
                    .bind("grace", grace.toMillis() + " milliseconds")
                    .map((rs, ctx) -> new Candidate(rs.getLong(1), rs.getString(2)))
                    .list());
    for (Candidate segment : retired) {
      try {
        var file = store.path(segment.name());
        long size = Files.exists(file) ? Files.size(file) : 0;
        Files.deleteIfExists(file);
        jdbi.useHandle(
            handle ->
                handle
                    .createUpdate("DELETE FROM blob_segments WHERE id = :id")
                    .bind("id", segment.id())
                    .execute());
        done[0]++;
        done[1] += size;
      } catch (IOException e) {
        throw new ServiceFailureException(e, "Cannot delete segment %s: %s", segment.name(), e);
      }
    }
    return done;
  }
}
