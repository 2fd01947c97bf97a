package org.acai.server.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.local.SegmentStore;
import org.acai.server.storage.PackedBlobStore;
import org.jdbi.v3.core.Jdbi;

/**
 * Finds references to things that are gone: a live job's code or input naming a file version or
 * file-set version that does not exist, and packed blobs whose segment file is missing or shorter
 * than the index says. Walks jobs and segments in keyset batches. Changes nothing. Thread-safe.
 */
final class DanglingScan {
  private static final int BATCH = 1000;

  private static final String DANGLING_JOBS =
      "SELECT j.id, 'job ' || j.id || ' in project ' || j.project_id || ' names ' || "
          + " CASE WHEN j.code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM file_versions v"
          + "   WHERE v.project_id = j.project_id AND v.path || ':' || v.version = j.code)"
          + " THEN 'code ' || j.code ELSE 'input ' || j.input_file_set END"
          + " || ', which does not exist'"
          + " FROM jobs j WHERE j.id > :after AND j.deletion_id IS NULL AND ("
          + " (j.code ~ ':[0-9]+$' AND NOT EXISTS (SELECT 1 FROM file_versions v"
          + "   WHERE v.project_id = j.project_id AND v.path || ':' || v.version = j.code))"
          + " OR (j.input_file_set ~ ':[0-9]+$' AND NOT EXISTS (SELECT 1 FROM file_sets s"
          + "   WHERE s.project_id = j.project_id AND s.name || ':' || s.version = j.input_file_set)))"
          + " ORDER BY j.id LIMIT :limit";

  private final Jdbi jdbi;
  private final BlobStore blobs;

  DanglingScan(Jdbi jdbi, BlobStore blobs) {
    this.jdbi = jdbi;
    this.blobs = blobs;
  }

  /** Counts dangling references, reporting each. */
  long scan(Consumer<String> problems) {
    long dangling = jobs(problems);
    if (blobs instanceof PackedBlobStore packed) {
      dangling += segments(packed.segments(), problems);
    }
    return dangling;
  }

  private record Row(long id, String text) {}

  private long jobs(Consumer<String> problems) {
    long count = 0;
    long after = 0;
    while (true) {
      long from = after;
      List<Row> rows =
          jdbi.withHandle(
              handle ->
                  handle
                      .createQuery(DANGLING_JOBS)
                      .bind("after", from)
                      .bind("limit", BATCH)
                      .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2)))
                      .list());
      rows.forEach(row -> problems.accept(row.text()));
      count += rows.size();
      if (rows.size() < BATCH) {
        return count;
      }
      after = rows.get(rows.size() - 1).id();
    }
  }

  private record Segment(long id, String name, long end, long blobs) {}

  /** Segments that hold blobs: each file must exist and reach its last blob's end. */
  private long segments(SegmentStore store, Consumer<String> problems) {
    long count = 0;
    long after = 0;
    while (true) {
      long from = after;
      List<Segment> segments =
          jdbi.withHandle(
              handle ->
                  handle
                      .createQuery(
                          "SELECT s.id, s.name, max(p.\"offset\" + p.size), count(*)"
                              + " FROM blob_segments s JOIN packed_blobs p ON p.segment_id = s.id"
                              + " WHERE s.id > :after GROUP BY s.id, s.name ORDER BY s.id"
                              + " LIMIT :limit")
                      .bind("after", from)
                      .bind("limit", BATCH)
                      .map(
                          (rs, ctx) ->
                              new Segment(
                                  rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                      .list());
      for (Segment segment : segments) {
        long length = length(store.path(segment.name()));
        if (length < segment.end()) {
          count += segment.blobs();
          problems.accept(
              (length < 0 ? "missing segment " : "short segment ")
                  + segment.name()
                  + " holding "
                  + segment.blobs()
                  + " packed blob(s)");
        }
      }
      if (segments.size() < BATCH) {
        return count;
      }
      after = segments.get(segments.size() - 1).id();
    }
  }

  private static long length(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
