package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import org.acai.api.lifecycle.FsckReport;
import org.acai.api.lifecycle.GcReport;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilePair;
import org.acai.testkit.AcaiServerExtension;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * GC compacts segment files whose packed blobs are mostly dead, on the local store: the space comes
 * back, live blobs still read, and batch uploads of identical content racing it lose nothing.
 */
class CompactionTest {
  @RegisterExtension
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension().withEnv(() -> GcContract.GC_NOW);

  @TempDir Path dir;
  private AcaiClient user;
  private AcaiClient admin;
  private ExecutorService pool;

  @BeforeEach
  void newProject() {
    user = SERVER.newUser(SERVER.newProject());
    admin = AcaiClient.connect(SERVER.endpoint(), SERVER.adminToken());
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void mostlyDeadSegmentIsRewrittenAndItsFileDeletedWhileLiveFilesStillRead() throws Exception {
    Map<String, String> contents = contents("/cmp", 40, 160, 1000);
    upload(contents, "");
    String liveSha = user.files().listFileVersions("/cmp/live/f0").get(0).sha256();
    String oldSegment = segmentOf(liveSha).name();
    Path oldFile = SERVER.home().resolve("blobs/segments").resolve(oldSegment);
    long oldSize = Files.size(oldFile);
    user.trash().deleteDirectory("/cmp/dead");

    GcReport first = admin.admin().gc();
    GcReport second = admin.admin().gc();

    assertThat(first.compactedSegments()).isPositive();
    assertThat(second.reclaimedSegmentBytes()).isGreaterThanOrEqualTo(oldSize);
    assertThat(oldFile).doesNotExist();
    String newSegment = segmentOf(liveSha).name();
    assertThat(newSegment).isNotEqualTo(oldSegment);
    long newSize = Files.size(SERVER.home().resolve("blobs/segments").resolve(newSegment));
    assertThat(newSize).isLessThanOrEqualTo(oldSize / 4 + 1);
    assertThat(download(contents, "/cmp/live")).isTrue();
    FsckReport fsck = admin.admin().fsckWithHashes();
    assertThat(fsck.isClean()).as("%s", fsck).isTrue();
  }

  /**
   * Batch uploads of content identical to both the live and the dead blobs of a segment race the GC
   * that sweeps the dead ones and compacts the segment. Repeated; every version must read back.
   */
  @Test
  void identicalBatchUploadRacingCompactionNeverLosesBytes() throws Exception {
    int rounds = 15;
    for (int round = 0; round < rounds; round++) {
      Map<String, String> contents = contents("/race" + round, 8, 24, 200);
      upload(contents, "");
      user.trash().deleteDirectory("/race" + round + "/dead");
      String suffix = "-again";
      CompletableFuture<GcReport> gc = CompletableFuture.supplyAsync(admin.admin()::gc, pool);
      CompletableFuture<Void> again =
          CompletableFuture.runAsync(() -> uploadQuietly(contents, suffix), pool);
      gc.get();
      again.get();
      admin.admin().gc();

      Map<String, String> uploadedAgain = new LinkedHashMap<>();
      contents.forEach((path, content) -> uploadedAgain.put(path + suffix, content));
      assertThat(download(uploadedAgain, "/race" + round)).as("round %d", round).isTrue();
      assertThat(download(contents, "/race" + round + "/live")).as("round %d", round).isTrue();
    }
    FsckReport fsck = admin.admin().fsckWithHashes();
    assertThat(fsck.isClean()).as("%s", fsck).isTrue();
  }

  /**
   * The database refuses a packed blob that names a missing segment, and the deletion of a segment
   * that still holds packed blobs (checked once per statement since V31, no longer by foreign key).
   */
  @Test
  void segmentIndexRefusesDanglingRowsPerStatement() throws Exception {
    Map<String, String> contents = contents("/keys", 3, 0, 300);
    upload(contents, "");
    String sha = user.files().listFileVersions("/keys/live/f0").get(0).sha256();
    long segment = segmentOf(sha).id();

    assertThatThrownBy(() -> sql("DELETE FROM blob_segments WHERE id = " + segment))
        .hasMessageContaining("segment " + segment + " still holds packed blobs");
    assertThatThrownBy(
            () ->
                sql(
                    "INSERT INTO packed_blobs (sha256, size, segment_id, \"offset\")"
                        + " VALUES ('"
                        + "0".repeat(64)
                        + "', 1, -7, 0)"))
        .hasMessageContaining("names segment -7, which does not exist");
    assertThatThrownBy(
            () -> sql("UPDATE packed_blobs SET segment_id = -8 WHERE sha256 = '" + sha + "'"))
        .hasMessageContaining("names segment -8, which does not exist");
    assertThat(segmentOf(sha).id()).isEqualTo(segment);
    assertThat(download(contents, "/keys/live")).isTrue();
  }

  /**
   * Two uploads of the same new contents at once, the second naming them in the reverse order:
   * their concurrent batches insert many of the same new digests, and every batch commits. (A plain
   * insert into the exclusion constraint of V32 deadlocked two such batches.)
   */
  @Test
  void concurrentBatchesOfTheSameNewContentAllCommit() throws Exception {
    for (int round = 0; round < 5; round++) {
      Map<String, String> forward = new LinkedHashMap<>();
      Map<String, String> backward = new LinkedHashMap<>();
      long nonce = System.nanoTime();
      int files = 800;
      for (int i = 0; i < files; i++) {
        String content = "shared " + i + " " + nonce + (i % 100 == 0 ? "" : " ".repeat(i % 7));
        forward.put(String.format("/same%d/a/f%04d", round, i), content);
        backward.put(String.format("/same%d/b/f%04d", round, files - 1 - i), content);
      }
      CompletableFuture<Void> first =
          CompletableFuture.runAsync(() -> uploadQuietly(forward, ""), pool);
      CompletableFuture<Void> second =
          CompletableFuture.runAsync(() -> uploadQuietly(backward, ""), pool);
      first.get();
      second.get();

      assertThat(download(forward, "/same" + round + "/a")).as("round %d", round).isTrue();
      assertThat(download(backward, "/same" + round + "/b")).as("round %d", round).isTrue();
    }
  }

  /**
   * Another transaction commits a packed row for a batch's new digest while the batch commits: the
   * batch's insert of its rows waits for that transaction, then skips that digest, and its file
   * reads through the other row. The other row points into the middle of a blob uploaded before,
   * whose bytes from there on are the batch's content.
   */
  @Test
  void batchWhoseNewDigestIsCommittedMeanwhileStillCommits() throws Exception {
    String payload = ("payload " + System.nanoTime() + " ").repeat(20);
    String prefix = "prefix ".repeat(9);
    upload(Map.of("/packrace/holder", prefix + payload), "");
    String holder = user.files().listFileVersions("/packrace/holder").get(0).sha256();
    String sha =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(payload.getBytes(UTF_8)));
    Map<String, String> copy = Map.of("/packrace/copy/f", payload);
    CompletableFuture<Void> racer =
        SERVER.withDatabase(
            handle ->
                handle.inTransaction(
                    tx -> {
                      tx.execute(
                          "INSERT INTO packed_blobs (sha256, size, segment_id, \"offset\")"
                              + " SELECT ?, ?, segment_id, \"offset\" + ? FROM packed_blobs"
                              + " WHERE sha256 = ?",
                          sha,
                          payload.length(),
                          prefix.length(),
                          holder);
                      CompletableFuture<Void> upload =
                          CompletableFuture.runAsync(() -> uploadQuietly(copy, ""), pool);
                      awaitLockWaiter(tx, upload);
                      return upload;
                    }));
    racer.get();

    assertThat(download(copy, "/packrace/copy")).isTrue();
    assertThat(segmentOf(sha).id()).isEqualTo(segmentOf(holder).id());
    FsckReport fsck = admin.admin().fsckWithHashes();
    assertThat(fsck.isClean()).as("%s", fsck).isTrue();
  }

  /** Waits until some backend waits for a transaction's lock (the batch's insert, for ours). */
  private static void awaitLockWaiter(Handle handle, CompletableFuture<Void> upload) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (handle
            .createQuery(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'")
            .mapTo(Integer.class)
            .one()
        == 0) {
      assertThat(upload).as("the upload finished without waiting").isNotDone();
      assertThat(System.nanoTime()).as("no insert waited").isLessThan(deadline);
      LockSupport.parkNanos(20_000_000L);
    }
  }

  private static void sql(String statement) {
    SERVER.withDatabase(handle -> handle.execute(statement));
  }

  /** {@code live} and {@code dead} files of about {@code size} bytes, each unique. */
  private static Map<String, String> contents(String root, int live, int dead, int size) {
    Map<String, String> contents = new LinkedHashMap<>();
    long nonce = System.nanoTime();
    for (int i = 0; i < live + dead; i++) {
      String path = root + (i < live ? "/live/f" + i : "/dead/f" + i);
      contents.put(path, (path + " " + nonce + " ").repeat(size / 20 + 1));
    }
    return contents;
  }

  private void upload(Map<String, String> contents, String suffix) throws Exception {
    List<FilePair> pairs = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, String> entry : contents.entrySet()) {
      Path local =
          Files.writeString(dir.resolve("up-" + System.nanoTime() + "-" + i++), entry.getValue());
      pairs.add(new FilePair(local.toString(), entry.getKey() + suffix));
    }
    user.files().upload(pairs);
  }

  private void uploadQuietly(Map<String, String> contents, String suffix) {
    try {
      upload(contents, suffix);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Downloads the files under {@code prefix} and says whether each has its content. */
  private boolean download(Map<String, String> contents, String prefix) throws Exception {
    Path out = Files.createDirectories(dir.resolve("down-" + System.nanoTime()));
    Map<String, String> remoteToLocal = new LinkedHashMap<>();
    Map<Path, String> expected = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, String> entry : contents.entrySet()) {
      if (entry.getKey().startsWith(prefix + "/")) {
        Path local = out.resolve("f" + i++);
        remoteToLocal.put(entry.getKey(), local.toString());
        expected.put(local, entry.getValue());
      }
    }
    user.files().download(remoteToLocal);
    for (Map.Entry<Path, String> entry : expected.entrySet()) {
      if (!new String(Files.readAllBytes(entry.getKey()), UTF_8).equals(entry.getValue())) {
        return false;
      }
    }
    return !expected.isEmpty();
  }

  /** A segment: its row's id and its file's name. */
  private record Segment(long id, String name) {}

  private static Segment segmentOf(String sha256) {
    return SERVER.withDatabase(
        handle ->
            handle
                .createQuery(
                    "SELECT s.id, s.name FROM packed_blobs p JOIN blob_segments s"
                        + " ON s.id = p.segment_id WHERE p.sha256 = :sha")
                .bind("sha", sha256)
                .map((rs, ctx) -> new Segment(rs.getLong("id"), rs.getString("name")))
                .one());
  }
}
