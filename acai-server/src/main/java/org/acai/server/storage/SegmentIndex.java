package org.acai.server.storage;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.acai.server.db.TextLists;
import org.jdbi.v3.core.Handle;

/**
 * SQL of the segment index ({@code blob_segments}, {@code packed_blobs}): where each packed blob's
 * bytes lie. See V17 for how garbage collection reads it.
 */
final class SegmentIndex {
  private final Handle handle;

  /**
   * The packed blobs of the digests in {@code :shas}, each found by one probe of the hash index (a
   * digest is packed at most once, so the {@code LIMIT} drops nothing). The lateral form keeps that
   * plan whatever the table's statistics say. As a join, the planner scanned and sorted the whole
   * table whenever it had no statistics yet (a fresh server's first minute, before autovacuum
   * analyzed it): 77-95 ms per batch of 2,500 digests at 60k rows and 159 ms at 100k, against 3-4
   * ms probed. With statistics the join was probed too. ({@code sha256 = ANY(:shas)} chose a scan
   * of the whole table even then, at 320k rows.)
   */
  private static final String PROBED =
      "unnest("
          + TextLists.sql("shas")
          + ") AS t(sha) CROSS JOIN LATERAL (SELECT sha256, size, segment_id, \"offset\""
          + " FROM packed_blobs WHERE sha256 = t.sha LIMIT 1) p";

  SegmentIndex(Handle handle) {
    this.handle = handle;
  }

  /** Where a packed blob lies. */
  record Location(String segment, long offset, long size) {}

  /** One blob appended to a segment. */
  record Packed(String sha256, long size, long offset) {}

  Optional<Location> find(String sha256) {
    return handle
        .createQuery(
            "SELECT s.name, p.\"offset\", p.size FROM packed_blobs p"
                + " JOIN blob_segments s ON s.id = p.segment_id WHERE p.sha256 = :sha")
        .bind("sha", sha256)
        .map((rs, ctx) -> new Location(rs.getString(1), rs.getLong(2), rs.getLong(3)))
        .findOne();
  }

  /** The locations of those of the (distinct) digests that are packed. */
  Map<String, Location> findAll(List<String> sha256s) {
    Map<String, Location> found = new HashMap<>();
    handle
        .createQuery(
            "SELECT p.sha256, s.name, p.\"offset\", p.size FROM "
                + PROBED
                + " JOIN blob_segments s ON s.id = p.segment_id")
        .bind("shas", TextLists.joined(sha256s))
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getString(1), new Location(rs.getString(2), rs.getLong(3), rs.getLong(4))))
        .forEach(row -> found.put(row.getKey(), row.getValue()));
    return found;
  }

  /** Those of the (distinct) digests that are packed already. */
  Set<String> known(List<String> sha256s) {
    return new HashSet<>(
        handle
            .createQuery("SELECT p.sha256 FROM " + PROBED)
            .bind("shas", TextLists.joined(sha256s))
            .mapTo(String.class)
            .list());
  }

  /**
   * How many of the packed blobs a commit reuses still exist. The caller holds {@link
   * org.acai.server.blob.BlobGuard#lockForCommit} already, and every deletion or move of a packed
   * blob (a GC sweep, a compaction) holds the exclusive form of that lock: what this statement
   * finds stays until the commit ends, with no lock per row. (Share-locking each row here as well
   * wrote a lock into every reused row, 9-37 ms of a 2,500-file batch's commit.)
   *
   * @param sha256s distinct digests
   */
  int present(List<String> sha256s) {
    if (sha256s.isEmpty()) {
      return 0;
    }
    return handle
        .createQuery("SELECT count(*) FROM " + PROBED)
        .bind("shas", TextLists.joined(sha256s))
        .mapTo(Integer.class)
        .one();
  }

  /**
   * Records a durable segment and the blobs in it; a blob packed elsewhere already (by a batch that
   * committed after this one looked) stays there. {@code ON CONFLICT} (a speculative insertion) is
   * what keeps the exclusion constraint (V32) from deadlocking two batches over even one new
   * digest: a plain insert enters its key and only then looks for another, so both waited for each
   * other (FsckTest's three empty files in parallel batches did). Rows go in by digest, so that
   * batches sharing several new digests wait for each other in one order.
   */
  void record(String segment, long size, List<Packed> blobs) {
    long id =
        handle
            .createQuery(
                "INSERT INTO blob_segments (name, size) VALUES (:name, :size) RETURNING id")
            .bind("name", segment)
            .bind("size", size)
            .mapTo(Long.class)
            .one();
    List<Packed> sorted = blobs.stream().sorted(Comparator.comparing(Packed::sha256)).toList();
    handle
        .createUpdate(
            "INSERT INTO packed_blobs (sha256, size, segment_id, \"offset\")"
                + " SELECT t.sha, t.size, :segment, t.off"
                + " FROM unnest("
                + TextLists.sql("shas")
                + ", :sizes, :offsets) WITH ORDINALITY AS t(sha, size, off, n) ORDER BY t.n"
                + " ON CONFLICT ON CONSTRAINT packed_blobs_one_per_digest DO NOTHING")
        .bind("segment", id)
        .bind("shas", TextLists.joined(sorted.stream().map(Packed::sha256).toList()))
        .bindArray("sizes", Long.class, sorted.stream().map(Packed::size).toList())
        .bindArray("offsets", Long.class, sorted.stream().map(Packed::offset).toList())
        .execute();
  }
}
