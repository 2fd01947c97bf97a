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
