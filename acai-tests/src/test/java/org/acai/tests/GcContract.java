package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.acai.api.error.ForbiddenException;
import org.acai.api.error.NotFoundException;
import org.acai.api.lifecycle.GcReport;
import org.acai.api.storage.FileSetContent;
import org.acai.api.storage.FileVersionInfo;
import org.acai.sdk.AcaiClient;
import org.acai.server.blob.BlobRef;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention and garbage collection on any blob store, with retention and grace 0 so that a delete
 * is purgeable at once.
 */
abstract class GcContract {
  static final Map<String, String> GC_NOW =
      Map.of("ACAI_RETENTION", "0", "ACAI_GC_GRACE", "0", "ACAI_GC_INTERVAL", "0");

  @TempDir Path dir;
  private AcaiClient user;
  private AcaiClient admin;
  private ExecutorService pool;

  abstract AcaiServerExtension server();

  @BeforeEach
  void newProject() {
    user = server().newUser(server().newProject());
    admin = AcaiClient.connect(server().endpoint(), server().adminToken());
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void gcFreesTheBytesOfPurgedVersionsButKeepsContentAnotherVersionShares() throws Exception {
    FileVersionInfo lone = info(upload("/lone.bin", "only here " + System.nanoTime()));
    String shared = "shared " + System.nanoTime();
    FileVersionInfo kept = info(upload("/a.bin", shared));
    upload("/b.bin", shared);
    user.trash().deleteFile("/lone.bin");
    user.trash().deleteFile("/a.bin");

    GcReport report = admin.admin().gc();

    assertThat(report.purgedItems()).isGreaterThanOrEqualTo(2);
    assertThat(server().server().blobs().exists(blob(lone))).isFalse();
    assertThat(server().server().blobs().exists(blob(kept))).isTrue();
    assertThat(download("/b.bin")).isEqualTo(shared);
    assertThat(user.trash().list()).isEmpty();
  }

  @Test
  void pinnedVersionOutlivesTheRetentionAndARestoreAfterThePurgeFindsNothing() throws Exception {
    FileVersionInfo pinned = info(upload("/p/set.bin", "pinned " + System.nanoTime()));
    user.fileSets().createFileSet("pins", List.of("/p/set.bin"));
    upload("/p/gone.bin", "gone " + System.nanoTime());
    long pinnedEntry = user.trash().deleteFile("/p/set.bin").trashId();
    long goneEntry = user.trash().deleteFile("/p/gone.bin").trashId();

    admin.admin().gc();

    assertThat(server().server().blobs().exists(blob(pinned))).isTrue();
    assertThatThrownBy(() -> user.trash().restore(goneEntry)).isInstanceOf(NotFoundException.class);
    user.trash().restore(pinnedEntry);
    assertThat(download("/p/set.bin")).startsWith("pinned");
  }

  @Test
  void onlyTheGlobalAdminRunsGc() {
    assertThatThrownBy(() -> user.admin().gc()).isInstanceOf(ForbiddenException.class);
    assertThat(admin.admin().gcDryRun().dryRun()).isTrue();
  }

  /**
   * The classic content-addressing race: identical bytes upload and commit while GC sweeps the blob
   * that a purged version left. Repeated; a naive GC loses the new version's bytes.
   */
  @Test
  void identicalUploadCommittingDuringTheSweepNeverLosesItsBytes() throws Exception {
    int rounds = 40;
    int files = 8;
    for (int round = 0; round < rounds; round++) {
      Map<String, String> contents = new LinkedHashMap<>();
      for (int i = 0; i < files; i++) {
        contents.put(
            "/race/" + round + "/f" + i, "race " + round + " " + i + " " + System.nanoTime());
      }
      upload(contents, "old");
      user.trash().deleteDirectory("/race/" + round);
      int thisRound = round;
      CompletableFuture<GcReport> gc = CompletableFuture.supplyAsync(admin.admin()::gc, pool);
      CompletableFuture<Void> again =
          CompletableFuture.runAsync(() -> uploadQuietly(contents, "new" + thisRound), pool);
      gc.get();
      again.get();

      for (Map.Entry<String, String> entry : contents.entrySet()) {
        FileVersionInfo version = info(entry.getKey() + "-new" + round);
        assertThat(server().server().blobs().exists(blob(version)))
            .as("round %d %s", round, entry.getKey())
            .isTrue();
      }
    }
    assertThat(download("/race/0/f0-new0")).startsWith("race 0 0");
  }

  /**
   * A file set takes a version while it is trashed and purged: the set either fails to resolve it
   * or keeps it (no member may name a purged version). Repeated, with the purge started at varying
   * moments of a big set's creation; without a guard, sets lost that member here.
   */
  @Test
  void fileSetTakingAVersionWhileItIsPurgedKeepsIt() throws Exception {
    int rounds = 20;
    Map<String, String> stable = new LinkedHashMap<>();
    for (int i = 0; i < 5000; i++) {
      stable.put("/stable/f" + i, "stable " + i);
    }
    upload(stable, "old");
    for (int round = 0; round < rounds; round++) {
      String pinned = "/pin/" + round + ".bin";
      upload(pinned, "pin " + round + " " + System.nanoTime());
      List<String> members = new ArrayList<>(stable.keySet());
      members.add(pinned);
      long delay = round % 10 * 5L;
      CompletableFuture<Object> set =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return user.fileSets().createFileSet("pins", members);
                } catch (NotFoundException e) {
                  return e;
                }
              },
              pool);
      CompletableFuture<GcReport> purge =
          CompletableFuture.supplyAsync(
              () -> {
                user.trash().deleteFile(pinned);
                return admin.admin().gc();
              },
              CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, pool));
      purge.get();
      Object outcome = set.get();
      if (outcome instanceof FileSetContent created) {
        assertThat(user.fileSets().listFileSetContent(created.id()).files())
            .as("round %d: members of %s", round, created.id())
            .hasSize(members.size());
      }
    }
  }

  private void upload(Map<String, String> contents, String suffix) throws Exception {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : contents.entrySet()) {
      Path local = Files.createTempFile(dir, "up", ".bin");
      Files.writeString(local, entry.getValue());
      pairs.put(
          local.toString(), suffix.equals("old") ? entry.getKey() : entry.getKey() + "-" + suffix);
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

  private String upload(String remote, String content) throws Exception {
    Path local = Files.createTempFile(dir, "up", ".bin");
    Files.writeString(local, content);
    return user.files().upload(Map.of(local.toString(), remote)).get(0).remote();
  }

  private FileVersionInfo info(String id) {
    String path = id.substring(0, id.lastIndexOf(':') < 0 ? id.length() : id.lastIndexOf(':'));
    List<FileVersionInfo> versions = user.files().listFileVersions(path);
    return versions.get(versions.size() - 1);
  }

  private static BlobRef blob(FileVersionInfo version) {
    return new BlobRef(version.sha256(), version.size());
  }

  private String download(String remote) throws Exception {
    Path local = dir.resolve("down-" + System.nanoTime());
    user.files().download(Map.of(remote, local.toString()));
    return new String(Files.readAllBytes(local), UTF_8);
  }
}
