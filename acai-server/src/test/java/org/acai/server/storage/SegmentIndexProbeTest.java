package org.acai.server.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.acai.server.db.Database;
import org.acai.server.db.DbConfig;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch's lookups of packed blobs probe the digest index once per digest, and never read the
 * whole table, even while PostgreSQL has no statistics on it (a fresh server, before autovacuum's
 * first analyze): the planner then guessed hundreds of rows per digest and scanned and sorted all
 * of them for each batch.
 */
class SegmentIndexProbeTest {
  private static final int STORED = 50_000;
  private static final int ASKED = 2_500;
  private static final int FOUND = 1_000;

  @TempDir static Path home;
  private static Database database;

  @BeforeAll
  static void seed() {
    database = Database.open(DbConfig.embedded(home.resolve("pg")));
    database
        .jdbi()
        .useTransaction(
            handle -> {
              // No analyze may give the table statistics while the test runs.
              handle.execute("ALTER TABLE packed_blobs SET (autovacuum_enabled = off)");
              List<SegmentIndex.Packed> blobs = new ArrayList<>();
              for (int i = 0; i < STORED; i++) {
                blobs.add(new SegmentIndex.Packed(digest("stored", i), 4096, 4096L * i));
              }
              new SegmentIndex(handle).record("segment-1", 4096L * STORED, blobs);
            });
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void knownDigestsAreProbedWithoutStatistics() {
    List<String> asked = asked();
    probed(
        asked.size(),
        index ->
            assertThat(index.known(asked)).containsAll(asked.subList(0, FOUND)).hasSize(FOUND));
  }

  @Test
  void locationsAreProbedWithoutStatistics() {
    List<String> asked = asked();
    probed(
        asked.size(),
        index -> {
          Map<String, SegmentIndex.Location> found = index.findAll(asked);
          assertThat(found).hasSize(FOUND);
          assertThat(found.get(digest("stored", 7)))
              .isEqualTo(new SegmentIndex.Location("segment-1", 4096L * 7, 4096));
        });
  }

  @Test
  void presentBlobsAreCountedWithoutStatistics() {
    List<String> asked = asked();
    probed(asked.size(), index -> assertThat(index.present(asked)).isEqualTo(FOUND));
  }

  /**
   * Runs {@code lookups} in a transaction and checks what it read of {@code packed_blobs}: no
   * sequential scan, one index scan per digest.
   */
  private static void probed(int digests, Consumer<SegmentIndex> lookups) {
    database
        .jdbi()
        .useTransaction(
            handle -> {
              assertThat(statistics(handle)).as("rows of pg_stats on packed_blobs").isZero();
              long[] before = scans(handle);
              lookups.accept(new SegmentIndex(handle));
              long[] after = scans(handle);
              assertThat(after[0] - before[0]).as("sequential scans").isZero();
              assertThat(after[1] - before[1]).as("index scans").isEqualTo(digests);
            });
  }

  /**
   * This backend's sequential and index scans of {@code packed_blobs} not yet reported (the view
   * holds those of earlier transactions too until the backend reports them).
   */
  private static long[] scans(Handle handle) {
    return handle
        .createQuery(
            "SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables WHERE relname = 'packed_blobs'")
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .one();
  }

  private static long statistics(Handle handle) {
    return handle
        .createQuery("SELECT count(*) FROM pg_stats WHERE tablename = 'packed_blobs'")
        .mapTo(Long.class)
        .one();
  }

  /** {@value #FOUND} stored digests among {@value #ASKED}. */
  private static List<String> asked() {
    List<String> asked = new ArrayList<>();
    for (int i = 0; i < ASKED; i++) {
      asked.add(i < FOUND ? digest("stored", i) : digest("absent", i));
    }
    return asked;
  }

  private static String digest(String kind, int i) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest((kind + i).getBytes(UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
