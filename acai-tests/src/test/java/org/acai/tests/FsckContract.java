package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.acai.api.lifecycle.FsckReport;
import org.acai.api.storage.FileVersionInfo;
import org.acai.sdk.AcaiClient;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.SupportsDeletion;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fsck's orphans, dangling references and safe repair on any blob store, through the SDK. */
abstract class FsckContract {
  @TempDir Path dir;
  AcaiClient user;
  AcaiClient admin;

  abstract AcaiServerExtension server();

  @BeforeEach
  void newProject() {
    user = server().newUser(server().newProject());
    admin = AcaiClient.connect(server().endpoint(), server().adminToken());
  }

  @Test
  void orphanBlobIsReportedAsGarbageAndRepairHandsItToGcWhichFreesIt() throws Exception {
    String kept = "kept " + System.nanoTime();
    upload("/fsck/kept.txt", kept);
    BlobRef orphan = storeDirectly("orphan " + System.nanoTime());

    FsckReport found = admin.admin().fsck();

    assertThat(found.isClean()).as("%s", found).isTrue();
    assertThat(found.orphanBlobs()).isPositive();
    assertThat(found.problems()).anyMatch(line -> line.contains(orphan.sha256()));
    FsckReport repaired = admin.admin().fsckAndRepair(false);
    assertThat(repaired.handedToGc()).isPositive();
    assertThat(blobs().exists(orphan)).as("repair itself deletes nothing").isTrue();
    admin.admin().gc();
    assertThat(blobs().exists(orphan)).isFalse();
    FsckReport after = admin.admin().fsck();
    assertThat(after.problems()).noneMatch(line -> line.contains(orphan.sha256()));
    assertThat(download("/fsck/kept.txt")).isEqualTo(kept);
  }

  @Test
  void missingReferencedBlobMakesFsckUncleanAndRepairNeverDropsTheVersion() throws Exception {
    String content = "lost " + System.nanoTime();
    upload("/fsck/lost.txt", content);
    FileVersionInfo version = user.files().listFileVersions("/fsck/lost.txt").get(0);
    BlobRef blob = new BlobRef(version.sha256(), version.size());
    ((SupportsDeletion) blobs()).delete(List.of(blob));
    try {
      FsckReport found = admin.admin().fsckAndRepair(true);

      assertThat(found.isClean()).isFalse();
      assertThat(found.missingBlobs()).isEqualTo(1);
      assertThat(found.problems())
          .anyMatch(line -> line.contains(blob.sha256()) && line.contains("/fsck/lost.txt:1"));
      assertThat(user.files().listFileVersions("/fsck/lost.txt")).hasSize(1);
    } finally {
      storeDirectly(content);
    }
    assertThat(admin.admin().fsck().isClean()).isTrue();
    assertThat(download("/fsck/lost.txt")).isEqualTo(content);
  }

  @Test
  void danglingJobCodeIsReported() throws Exception {
    upload("/fsck/code.py", "print(1)");
    long job =
        user.jobs()
            .submit(
                org.acai.sdk.JobSpec.builder()
                    .name("dangling")
                    .command("true")
                    .code("/fsck/code.py:1")
                    .outputPath("o")
                    .build())
            .id();
    update("UPDATE jobs SET code = '/fsck/nowhere.py:7' WHERE id = :key", job);
    try {
      FsckReport found = admin.admin().fsck();

      assertThat(found.danglingReferences()).isPositive();
      assertThat(found.isClean()).isFalse();
      assertThat(found.problems())
          .anyMatch(line -> line.contains("job " + job) && line.contains("/fsck/nowhere.py:7"));
    } finally {
      update("UPDATE jobs SET code = '/fsck/code.py:1' WHERE id = :key", job);
    }
  }

  @Test
  void fileSetMemberWhoseVersionIsGoneIsReported() throws Exception {
    upload("/fsck/member.txt", "member");
    String set = user.fileSets().createFileSet("fsck-members", List.of("/fsck/member.txt")).id();
    negateMemberVersions("fsck-members");
    try {
      FsckReport found = admin.admin().fsck();

      assertThat(found.isClean()).isFalse();
      assertThat(found.danglingReferences()).isPositive();
      assertThat(found.problems())
          .anyMatch(line -> line.contains("file set " + set) && line.contains("/fsck/member.txt"));
    } finally {
      negateMemberVersions("fsck-members");
    }
    assertThat(admin.admin().fsck().problems()).noneMatch(line -> line.contains(set));
  }

  /** Points the set's members at version ids that do not exist, or back again. */
  private void negateMemberVersions(String set) {
    update(
        "UPDATE file_set_members SET file_version_id = -file_version_id"
            + " WHERE file_set_id IN (SELECT id FROM file_sets WHERE name = :key)",
        set);
  }

  /** Runs one update straight in the database, {@code :key} bound to {@code key}. */
  private void update(String sql, Object key) {
    server().withDatabase(handle -> handle.createUpdate(sql).bind("key", key).execute());
  }

  BlobStore blobs() {
    return server().server().blobs();
  }

  /** Puts bytes into the blob store with no version referring to them. */
  BlobRef storeDirectly(String content) {
    String key = "fsck/" + System.nanoTime();
    blobs().stage(key, new ByteArrayInputStream(content.getBytes(UTF_8)), null, null);
    return blobs().commit(key, null);
  }

  void upload(String remote, String content) throws Exception {
    Path local = Files.createTempFile(dir, "up", ".txt");
    Files.writeString(local, content);
    user.files().upload(Map.of(local.toString(), remote));
  }

  String download(String remote) throws Exception {
    Path local = dir.resolve("down-" + System.nanoTime());
    user.files().download(Map.of(remote, local.toString()));
    return Files.readString(local);
  }
}
