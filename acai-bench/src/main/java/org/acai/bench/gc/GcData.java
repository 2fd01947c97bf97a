package org.acai.bench.gc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.acai.server.blob.BlobRef;
import org.jdbi.v3.core.Jdbi;

/**
 * The bench's data, inserted in bulk: blob {@code i} holds {@code "gc-bench blob <i>"}; version
 * {@code v} uses blob {@code v % blobs}; the versions of the first half of the blobs are in expired
 * trash entries of about 1,000 versions each, so one GC purges them and frees those blobs.
 */
final class GcData {
  private static final String CONTENT = "'gc-bench blob ' || (i % :blobs)";
  private static final int WRITERS = 8;

  private final Jdbi jdbi;
  private final long project;
  private final long creator;
  private final GcSizes sizes;

  GcData(Jdbi jdbi, long project, long creator, GcSizes sizes) {
    this.jdbi = jdbi;
    this.project = project;
    this.creator = creator;
    this.sizes = sizes;
  }

  BlobRef blob(int i) {
    byte[] bytes = content(i);
    try {
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      return new BlobRef(sha, bytes.length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] content(int i) {
    return ("gc-bench blob " + i).getBytes(StandardCharsets.UTF_8);
  }

  /** Writes every blob, {@value #WRITERS} at a time. */
  void blobs(BlobWriter writer) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try (writer) {
      List<Future<?>> parts = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int first = w;
        parts.add(
            pool.submit(
                () -> {
                  for (int i = first; i < sizes.blobs(); i += WRITERS) {
                    writer.write(blob(i), content(i));
                  }
                  return null;
                }));
      }
      for (Future<?> part : parts) {
        part.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Inserts the versions and the trash entries that hide the doomed half. */
  void versions() {
    int entries = Math.max(1, sizes.versions() / 2 / 1000);
    jdbi.useHandle(
        handle -> {
          long base =
              handle
                  .createQuery(
                      "INSERT INTO deletions (project_id, kind, target, deleted_by, deleted_at,"
                          + " items) SELECT :p, 'file', '/gc/e' || k, :c, now() - interval '1 day',"
                          + " 1000 FROM generate_series(0, :n - 1) k RETURNING id")
                  .bind("p", project)
                  .bind("c", creator)
                  .bind("n", entries)
                  .mapTo(Long.class)
                  .list()
                  .stream()
                  .mapToLong(Long::longValue)
                  .min()
                  .orElseThrow();
          handle
              .createUpdate(
                  "INSERT INTO file_versions (project_id, path, version, sha256, size, creator_id,"
                      + " deletion_id) SELECT :p, '/gc/d' || (i / 1000) || '/f' || i, 1,"
                      + " encode(sha256(convert_to("
                      + CONTENT
                      + ", 'UTF8')), 'hex'), octet_length("
                      + CONTENT
                      + "), :c, CASE WHEN i % :blobs < :blobs / 2 THEN :base + i % :entries END"
                      + " FROM generate_series(0, :versions - 1) i")
              .bind("p", project)
              .bind("c", creator)
              .bind("blobs", sizes.blobs())
              .bind("base", base)
              .bind("entries", entries)
              .bind("versions", sizes.versions())
              .execute();
          handle.execute("ANALYZE");
        });
  }

  /** A directory {@code /big} of files that use the kept blobs. */
  void directory() {
    jdbi.useHandle(
        handle -> {
          handle
              .createUpdate(
                  "INSERT INTO directories (project_id, path, parent) VALUES (:p, '/big', '/')")
              .bind("p", project)
              .execute();
          handle
              .createUpdate(
                  "INSERT INTO file_heads (project_id, path, parent, latest)"
                      + " SELECT :p, '/big/f' || i, '/big', 1 FROM generate_series(0, :n - 1) i")
              .bind("p", project)
              .bind("n", sizes.dirFiles())
              .execute();
          handle
              .createUpdate(
                  "INSERT INTO file_versions (project_id, path, version, sha256, size, creator_id)"
                      + " SELECT :p, '/big/f' || i, 1, encode(sha256(convert_to(c, 'UTF8')),"
                      + " 'hex'), octet_length(c), :c FROM (SELECT i, 'gc-bench blob '"
                      + " || (:blobs - 1 - i % (:blobs / 2)) AS c"
                      + " FROM generate_series(0, :n - 1) i) t")
              .bind("p", project)
              .bind("c", creator)
              .bind("blobs", sizes.blobs())
              .bind("n", sizes.dirFiles())
              .execute();
          handle.execute("ANALYZE");
        });
  }
}
