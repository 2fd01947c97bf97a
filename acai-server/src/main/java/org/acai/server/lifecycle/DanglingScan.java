package org.acai.server.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.local.SegmentStore;
import org.acai.server.storage.PackedBlobStore;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Finds references to things that are gone: a live job's code or input naming a file version or
 * file-set version that does not exist, file-set members whose version does not exist, and packed
 * blobs whose segment file is missing or shorter than the index says. Walks jobs, file sets and
 * segments in keyset batches. Changes nothing. Thread-safe.
 */
final class DanglingScan {
  private static final int BATCH = 1000;

  private static final String CODE_EXISTS = exists("file_versions", "path", "j.code");

  private static final String INPUT_EXISTS = exists("file_sets", "name", "j.input_file_set");

  private static final String DANGLING_JOBS =
      "SELECT j.id, 'job ' || j.id || ' in project ' || j.project_id || ' names ' || "
          + " CASE WHEN j.code ~ ':[0-9]+$' AND NOT "
          + CODE_EXISTS
          + " THEN 'code ' || j.code ELSE 'input ' || j.input_file_set END"
          + " || ', which does not exist'"
          + " FROM jobs j WHERE j.id > :after AND j.deletion_id IS NULL AND ("
          + " (j.code ~ ':[0-9]+$' AND NOT "
          + CODE_EXISTS
          + ") OR (j.input_file_set ~ ':[0-9]+$' AND NOT "
          + INPUT_EXISTS
          + ")) ORDER BY j.id LIMIT :limit";

  /**
   * Members of the given file sets whose version row is gone (no foreign key keeps them, see
   * MemberGuard), one line per set.
   */
  private static final String DANGLING_MEMBERS =
      "SELECT s.id, 'file set ' || s.name || ':' || s.version || ' in project ' || s.project_id"
          + " || ' names ' || count(*) || ' file version(s) that do not exist, e.g. '"
          + " || min(m.path), count(*)"
          + " FROM file_sets s JOIN file_set_members m ON m.file_set_id = s.id"
          + " WHERE s.id = ANY(:sets) AND NOT EXISTS (SELECT 1 FROM file_versions v"
          + " WHERE v.id = m.file_version_id)"
          + " GROUP BY s.id, s.name, s.version, s.project_id ORDER BY s.id";

  private final Jdbi jdbi;
  private final BlobStore blobs;

  /**
   * Whether the job's {@code NAME:N} reference names a row of {@code table} in its project: probed
   * by name and version (an index), not by a concatenation that reads every row of the project.
   */
  private static String exists(String table, String nameColumn, String reference) {
    return "EXISTS (SELECT 1 FROM "
        + table
        + " x WHERE x.project_id = j.project_id AND x."
        + nameColumn
        + " = regexp_replace("
        + reference
        + ", ':[0-9]+$', '') AND x.version = CAST(substring("
        + reference
        + " from ':([0-9]+)$') AS bigint))";
  }

  DanglingScan(Jdbi jdbi, BlobStore blobs) {
    this.jdbi = jdbi;
    this.blobs = blobs;
  }

  /** Counts dangling references, reporting each. */
  long scan(Consumer<String> problems) {
    long dangling = jobs(problems) + members(problems);
    if (blobs instanceof PackedBlobStore packed) {
      dangling += segments(packed.segments(), problems);
    }
    return dangling;
  }

  /**
   * Reads batches in key order, each after the last key of the one before, until one comes back
   * short; returns the sum of what {@code check} counts in them.
   */
  private static <T> long inBatches(
      LongFunction<List<T>> after, ToLongFunction<T> key, ToLongFunction<List<T>> check) {
    long count = 0;
    long last = 0;
    while (true) {
      List<T> batch = after.apply(last);
      count += check.applyAsLong(batch);
      if (batch.size() < BATCH) {
        return count;
      }
      last = key.applyAsLong(batch.get(batch.size() - 1));
    }
  }

  private <T> List<T> query(String sql, long after, RowMapper<T> mapper) {
    return jdbi.withHandle(
        handle ->
            handle.createQuery(sql).bind("after", after).bind("limit", BATCH).map(mapper).list());
  }

  private record Row(long id, String text) {}

  private long jobs(Consumer<String> problems) {
    return inBatches(
        after -> query(DANGLING_JOBS, after, (rs, ctx) -> new Row(rs.getLong(1), rs.getString(2))),
        Row::id,
        rows -> {
          rows.forEach(row -> problems.accept(row.text()));
          return rows.size();
        });
  }

  private record BrokenSet(String text, long members) {}

  private long members(Consumer<String> problems) {
    return inBatches(
        after ->
            query(
                "SELECT id FROM file_sets WHERE id > :after ORDER BY id LIMIT :limit",
                after,
                (rs, ctx) -> rs.getLong(1)),
        id -> id,
        sets -> {
          List<BrokenSet> broken =
              jdbi.withHandle(
                  handle ->
                      handle
                          .createQuery(DANGLING_MEMBERS)
                          .bindArray("sets", Long.class, sets)
                          .map((rs, ctx) -> new BrokenSet(rs.getString(2), rs.getLong(3)))
                          .list());
          broken.forEach(set -> problems.accept(set.text()));
          return broken.stream().mapToLong(BrokenSet::members).sum();
        });
  }

  private record Segment(long id, String name, long end, long blobs) {}

  /** Segments that hold blobs: each file must exist and reach its last blob's end. */
  private long segments(SegmentStore store, Consumer<String> problems) {
    return inBatches(
        after ->
            query(
                "SELECT s.id, s.name, max(p.\"offset\" + p.size), count(*)"
                    + " FROM blob_segments s JOIN packed_blobs p ON p.segment_id = s.id"
                    + " WHERE s.id > :after GROUP BY s.id, s.name ORDER BY s.id LIMIT :limit",
                after,
                (rs, ctx) ->
                    new Segment(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4))),
        Segment::id,
        segments -> {
          long lost = 0;
          for (Segment segment : segments) {
            long length = length(store.path(segment.name()));
            if (length < segment.end()) {
              lost += segment.blobs();
              problems.accept(
                  (length < 0 ? "missing segment " : "short segment ")
                      + segment.name()
                      + " holding "
                      + segment.blobs()
                      + " packed blob(s)");
            }
          }
          return lost;
        });
  }

  private static long length(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
