package org.acai.server.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.acai.api.error.ServiceFailureException;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.SupportsListing;
import org.acai.server.blob.local.SegmentStore;
import org.acai.server.db.DigestKeys;
import org.acai.server.storage.PackedBlobStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Finds garbage: blobs in the store (loose files or S3 objects, and rows of the segment index) that
 * no file version references and that are no GC candidates yet, and segment files the index does
 * not know. Streams the store's listing in batches, never holding every key. A repair only ever
 * makes orphan blobs GC candidates (the sweep checks again, under its lock, that nothing references
 * them) and deletes unknown segment files older than {@link #SEGMENT_AGE}, which no upload can
 * still commit. Thread-safe.
 */
final class OrphanScan {
  /** An unknown segment file younger than this may belong to a batch upload in flight. */
  static final Duration SEGMENT_AGE = Duration.ofHours(1);

  private static final int BATCH = 1000;

  private final Jdbi jdbi;
  private final BlobStore blobs;

  OrphanScan(Jdbi jdbi, BlobStore blobs) {
    this.jdbi = jdbi;
    this.blobs = blobs;
  }

  /** What a scan found and handed to GC. */
  record Result(long orphans, long bytes, long segments, long handedToGc) {}

  Result scan(boolean repair, Consumer<String> problems) {
    Counter counter = new Counter(repair, problems);
    if (blobs instanceof SupportsListing listing) {
      List<BlobRef> batch = new ArrayList<>(BATCH);
      listing.forEachBlob(
          blob -> {
            batch.add(blob);
            if (batch.size() == BATCH) {
              counter.loose(batch);
              batch.clear();
            }
          });
      counter.loose(batch);
    }
    counter.packed();
    long segments = blobs instanceof PackedBlobStore packed ? segments(packed, repair, counter) : 0;
    return new Result(counter.orphans, counter.bytes, segments, counter.handed);
  }

  /**
   * A packed blob that no version uses, where it lies: the walk's order, and the last one of a page
   * is where the next starts.
   */
  private record Orphan(long segment, long offset, String sha256, long size) {
    BlobRef blob() {
      return new BlobRef(sha256, size);
    }
  }

  /** Counts orphans batch by batch and, with repair, makes them candidates. */
  private final class Counter {
    private final boolean repair;
    private final Consumer<String> problems;
    private long orphans;
    private long bytes;
    private long handed;

    Counter(boolean repair, Consumer<String> problems) {
      this.repair = repair;
      this.problems = problems;
    }

    void loose(List<BlobRef> batch) {
      if (batch.isEmpty()) {
        return;
      }
      List<String> shas = batch.stream().map(BlobRef::sha256).toList();
      Set<String> known =
          new HashSet<>(
              jdbi.withHandle(
                  handle ->
                      handle
                          .createQuery(
                              "SELECT t.sha FROM unnest(:shas) AS t(sha) WHERE EXISTS"
                                  + " (SELECT 1 FROM file_versions v WHERE "
                                  + DigestKeys.same("v.sha256", "t.sha")
                                  + ")"
                                  + " UNION SELECT sha256 FROM blob_candidates"
                                  + " WHERE sha256 = ANY(:shas)")
                          .bindArray("shas", String.class, shas)
                          .mapTo(String.class)
                          .list()));
      found(batch.stream().filter(blob -> !known.contains(blob.sha256())).toList(), "blob");
    }

    /** Walks packed blobs in segment and offset order (the digest ties empty blobs). */
    void packed() {
      Orphan after = new Orphan(Long.MIN_VALUE, Long.MIN_VALUE, "", 0);
      while (true) {
        Orphan from = after;
        List<Orphan> batch =
            jdbi.withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT p.segment_id, p.\"offset\", p.sha256, p.size FROM packed_blobs p"
                                + " WHERE (p.segment_id, p.\"offset\", p.sha256)"
                                + " > (:segment, :offset, :sha)"
                                + " AND NOT EXISTS (SELECT 1 FROM file_versions v WHERE "
                                + DigestKeys.same("v.sha256", "p.sha256")
                                + ")"
                                + " AND NOT EXISTS (SELECT 1 FROM blob_candidates c"
                                + " WHERE c.sha256 = p.sha256)"
                                + " ORDER BY p.segment_id, p.\"offset\", p.sha256 LIMIT :limit")
                        .bind("segment", from.segment())
                        .bind("offset", from.offset())
                        .bind("sha", from.sha256())
                        .bind("limit", BATCH)
                        .map(
                            (rs, ctx) ->
                                new Orphan(
                                    rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4)))
                        .list());
        found(batch.stream().map(Orphan::blob).toList(), "packed blob");
        if (batch.size() < BATCH) {
          return;
        }
        after = batch.get(batch.size() - 1);
      }
    }

    private void found(List<BlobRef> orphaned, String kind) {
      for (BlobRef blob : orphaned) {
        orphans++;
        bytes += blob.size();
        problems.accept(
            "orphan " + kind + " " + blob.sha256() + " (" + blob.size() + " bytes), no version");
      }
      if (repair && !orphaned.isEmpty()) {
        handed += jdbi.withHandle(handle -> candidates(handle, orphaned));
      }
    }
  }

  private static int candidates(Handle handle, List<BlobRef> orphaned) {
    return handle
        .createUpdate(
            "INSERT INTO blob_candidates (sha256, size)"
                + " SELECT * FROM unnest(:shas, :sizes) ON CONFLICT (sha256) DO NOTHING")
        .bindArray("shas", String.class, orphaned.stream().map(BlobRef::sha256).toList())
        .bindArray("sizes", Long.class, orphaned.stream().map(BlobRef::size).toList())
        .execute();
  }

  /** Counts (and with repair deletes) old segment files the index does not know. */
  private long segments(PackedBlobStore packed, boolean repair, Counter counter) {
    SegmentStore store = packed.segments();
    FileTime cutoff = FileTime.from(Instant.now().minus(SEGMENT_AGE));
    long unknown = 0;
    try (Stream<Path> files = Files.list(store.directory())) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".seg")
            || Files.getLastModifiedTime(file).compareTo(cutoff) >= 0
            || isKnown(name)) {
          continue;
        }
        unknown++;
        counter.problems.accept(
            "orphan segment file " + name + " (" + Files.size(file) + " bytes)");
        if (repair && Files.deleteIfExists(file)) {
          counter.handed++;
        }
      }
    } catch (java.nio.file.NoSuchFileException e) {
      return unknown;
    } catch (IOException e) {
      throw new ServiceFailureException(e, "Cannot list segments: %s", e);
    }
    return unknown;
  }

  private boolean isKnown(String segment) {
    return jdbi.withHandle(
        handle ->
            handle
                    .createQuery("SELECT count(*) FROM blob_segments WHERE name = :name")
                    .bind("name", segment)
                    .mapTo(Long.class)
                    .one()
                > 0);
  }
}
