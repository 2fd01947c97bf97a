package org.acai.server.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.acai.api.lifecycle.FsckReport;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.db.DigestKeys;
import org.jdbi.v3.core.Jdbi;

/**
 * Checks that every blob a file version references exists in the blob store, optionally with the
 * right size and SHA-256, then looks for dangling references ({@link DanglingScan}) and orphans
 * ({@link OrphanScan}). Walks the distinct blobs in batches, never all keys at once. Changes
 * nothing, except that a repair hands orphans to GC. Thread-safe.
 */
final class Fsck {
  private static final int BATCH = 1000;

  private final Jdbi jdbi;
  private final BlobStore blobs;
  private final OrphanScan orphans;
  private final DanglingScan dangling;

  Fsck(Jdbi jdbi, BlobStore blobs) {
    this.jdbi = jdbi;
    this.blobs = blobs;
    this.orphans = new OrphanScan(jdbi, blobs);
    this.dangling = new DanglingScan(jdbi, blobs);
  }

  FsckReport check(boolean verifyHashes, boolean repair) {
    long start = System.nanoTime();
    long checked = 0;
    long missing = 0;
    long corrupt = 0;
    List<String> problems = new ArrayList<>();
    Keyed after = new Keyed(Long.MIN_VALUE, "", 0);
    while (true) {
      List<Keyed> batch = batch(after);
      for (Keyed keyed : batch) {
        BlobRef blob = keyed.blob();
        checked++;
        if (!blobs.exists(blob)) {
          missing++;
          note(
              problems,
              "missing blob " + blob.sha256() + " (" + blob.size() + " bytes), " + user(blob));
        } else if (verifyHashes && !matches(blob)) {
          corrupt++;
          note(problems, "corrupt blob " + blob.sha256() + ", " + user(blob));
        }
      }
      if (batch.size() < BATCH) {
        break;
      }
      after = batch.get(batch.size() - 1);
    }
    long danglingReferences = dangling.scan(problem -> note(problems, problem));
    OrphanScan.Result found = orphans.scan(repair, problem -> note(problems, problem));
    long candidates =
        jdbi.withHandle(
            handle ->
                handle.createQuery("SELECT count(*) FROM blob_candidates").mapTo(Long.class).one());
    return new FsckReport(
        checked,
        missing,
        corrupt,
        found.orphans(),
        found.bytes(),
        found.segments(),
        danglingReferences,
        found.handedToGc(),
        candidates,
        problems,
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * A distinct blob and its digest's key in {@code file_versions_digest} (V32): the walk's order,
   * and the last one of a page is where the next starts.
   */
  private record Keyed(long key, String sha256, long size) {
    BlobRef blob() {
      return new BlobRef(sha256, size);
    }
  }

  /**
   * The next distinct blobs that versions use, in the order of the digest index's key and then the
   * digest: the index walks the keys, and only equal keys are sorted.
   */
  private List<Keyed> batch(Keyed after) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT DISTINCT hashtextextended(sha256, 0) AS k, sha256, size"
                        + " FROM file_versions WHERE hashtextextended(sha256, 0) >= :k"
                        + " AND (hashtextextended(sha256, 0) > :k OR sha256 > :after)"
                        + " ORDER BY k, sha256 LIMIT :limit")
                .bind("k", after.key())
                .bind("after", after.sha256())
                .bind("limit", BATCH)
                .map(
                    (rs, ctx) ->
                        new Keyed(rs.getLong("k"), rs.getString("sha256"), rs.getLong("size")))
                .list());
  }

  /** One version that uses the blob, to name in a problem line. */
  private String user(BlobRef blob) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT 'used by ' || path || ':' || version || ' in project ' || project_id"
                        + " FROM file_versions WHERE "
                        + DigestKeys.same("sha256", ":sha")
                        + " ORDER BY id LIMIT 1")
                .bind("sha", blob.sha256())
                .mapTo(String.class)
                .one());
  }

  private boolean matches(BlobRef blob) {
    try (InputStream in = blobs.open(blob)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      long size = 0;
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
        size += read;
      }
      return size == blob.size() && HexFormat.of().formatHex(digest.digest()).equals(blob.sha256());
    } catch (IOException e) {
      return false;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void note(List<String> problems, String problem) {
    if (problems.size() < FsckReport.MAX_PROBLEMS) {
      problems.add(problem);
    }
  }
}
