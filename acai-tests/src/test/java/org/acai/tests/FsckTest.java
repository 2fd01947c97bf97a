package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.acai.api.lifecycle.FsckReport;
import org.acai.api.storage.FileVersionInfo;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** fsck on the local blob store, where small files are packed into segments. */
class FsckTest extends FsckContract {
  @RegisterExtension
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension().withEnv(() -> GcContract.GC_NOW);

  @Override
  AcaiServerExtension server() {
    return SERVER;
  }

  @Test
  void packedBlobThatLostItsVersionIsAnOrphanThatRepairAndGcRemoveFromTheIndex() throws Exception {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      Path local = Files.writeString(dir.resolve("p" + i), "packed " + i + " " + System.nanoTime());
      pairs.put(local.toString(), "/packed/f" + i);
    }
    user.files().upload(pairs);
    FileVersionInfo lost = user.files().listFileVersions("/packed/f1").get(0);
    assertThat(packedRows(lost.sha256())).as("batch uploads pack small files").isEqualTo(1);
    // What a crash between a segment's commit and a lost version row would leave.
    SERVER.withDatabase(
        handle ->
            handle
                .createUpdate("DELETE FROM file_versions WHERE sha256 = :sha")
                .bind("sha", lost.sha256())
                .execute());

    FsckReport found = admin.admin().fsck();
    assertThat(found.isClean()).as("%s", found).isTrue();
    assertThat(found.problems())
        .anyMatch(line -> line.startsWith("orphan packed blob " + lost.sha256()));
    admin.admin().fsckAndRepair(false);
    admin.admin().gc();

    assertThat(packedRows(lost.sha256())).isZero();
    assertThat(download("/packed/f0")).startsWith("packed 0");
    assertThat(download("/packed/f2")).startsWith("packed 2");
    assertThat(admin.admin().fsck().problems()).noneMatch(line -> line.contains(lost.sha256()));
  }

  @Test
  void oldSegmentFileTheIndexDoesNotKnowIsDeletedByRepairButAYoungOneIsLeftAlone()
      throws Exception {
    Path segments = SERVER.home().resolve("blobs/segments");
    Path old = Files.write(segments.resolve(UUID.randomUUID() + ".seg"), new byte[100]);
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    Path young = Files.write(segments.resolve(UUID.randomUUID() + ".seg"), new byte[100]);

    FsckReport found = admin.admin().fsck();
    assertThat(found.orphanSegments()).isPositive();
    assertThat(found.problems())
        .anyMatch(line -> line.contains(old.getFileName().toString()))
        .noneMatch(line -> line.contains(young.getFileName().toString()));
    assertThat(admin.admin().fsckAndRepair(false).handedToGc()).isPositive();

    assertThat(old).doesNotExist();
    assertThat(young).exists();
    Files.delete(young);
  }

  /**
   * More distinct digests and more orphaned packed blobs than one page of each walk (1,000): fsck
   * checks each digest that versions use once (that walk pages by the digest index's key, V32), and
   * counts every packed blob no version uses (that walk pages by segment and offset, where an empty
   * blob shares its offset with the next one), as one query over the whole index counts them.
   */
  @Test
  void walksPageThroughMoreDigestsAndOrphansThanOnePage() throws Exception {
    Map<String, String> pairs = new LinkedHashMap<>();
    long nonce = System.nanoTime();
    for (int i = 0; i < 2_500; i++) {
      String content = i % 1_000 == 0 ? "" : "many " + i + " " + nonce;
      pairs.put(Files.writeString(dir.resolve("m" + i), content).toString(), "/many/f" + i);
    }
    user.files().upload(pairs);
    long distinct = count("SELECT count(DISTINCT sha256) FROM file_versions");

    assertThat(admin.admin().fsck().checkedBlobs()).isEqualTo(distinct).isGreaterThan(2_000);

    SERVER.withDatabase(
        handle -> handle.execute("DELETE FROM file_versions WHERE path LIKE '/many/%'"));
    long orphans =
        count(
            "SELECT count(*) FROM packed_blobs p"
                + " WHERE NOT EXISTS (SELECT 1 FROM file_versions v WHERE v.sha256 = p.sha256)"
                + " AND NOT EXISTS (SELECT 1 FROM blob_candidates c WHERE c.sha256 = p.sha256)");
    FsckReport found = admin.admin().fsck();
    assertThat(found.orphanBlobs()).isEqualTo(orphans).isGreaterThan(2_000);
    assertThat(found.checkedBlobs())
        .isEqualTo(count("SELECT count(DISTINCT sha256) FROM file_versions"))
        .isLessThanOrEqualTo(distinct - 2_497);
    // Repair hands every orphan to GC, which frees them: the next checks start clean.
    assertThat(admin.admin().fsckAndRepair(false).handedToGc()).isEqualTo(orphans);
    admin.admin().gc();
    assertThat(admin.admin().fsck().orphanBlobs()).isZero();
  }

  private static long count(String query) {
    return SERVER.withDatabase(handle -> handle.createQuery(query).mapTo(Long.class).one());
  }

  private long packedRows(String sha256) {
    return SERVER.withDatabase(
        handle ->
            handle
                .createQuery("SELECT count(*) FROM packed_blobs WHERE sha256 = :sha")
                .bind("sha", sha256)
                .mapTo(Long.class)
                .one());
  }
}
