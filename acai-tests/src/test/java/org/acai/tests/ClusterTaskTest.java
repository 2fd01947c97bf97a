package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.acai.api.lifecycle.GcReport;
import org.acai.api.storage.FileVersionInfo;
import org.acai.sdk.AcaiClient;
import org.acai.server.blob.BlobRef;
import org.acai.server.cluster.ClusterTask;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage collection runs on one replica at a time: while another replica's collection holds the
 * task (simulated by a run on a connection of its own, as another replica makes it), the scheduled
 * collection of this server skips its turns and an on-demand one waits.
 */
class ClusterTaskTest {
  @RegisterExtension
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension()
          .withEnv(
              () ->
                  Map.of("ACAI_RETENTION", "0", "ACAI_GC_GRACE", "0", "ACAI_GC_INTERVAL", "200ms"));

  @TempDir Path dir;
  private AcaiClient user;
  private final CountDownLatch release = new CountDownLatch(1);
  private CompletableFuture<Void> otherReplica;

  @BeforeEach
  void otherReplicaCollects() throws InterruptedException {
    user = SERVER.newUser(SERVER.newProject());
    CountDownLatch holding = new CountDownLatch(1);
    ClusterTask gc =
        new ClusterTask(SERVER.server().database().jdbi(), ClusterTask.Kind.GARBAGE_COLLECTION);
    otherReplica =
        CompletableFuture.runAsync(
            () ->
                gc.run(
                    () -> {
                      holding.countDown();
                      awaitRelease();
                      return null;
                    }));
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @AfterEach
  void otherReplicaEnds() throws Exception {
    release.countDown();
    otherReplica.get(10, TimeUnit.SECONDS);
  }

  @Test
  void scheduledCollectionSkipsItsTurnsWhileAnotherReplicaCollects() throws Exception {
    BlobRef blob = uploadAndDelete("/held/a.bin");

    Thread.sleep(Duration.ofSeconds(2).toMillis()); // ten scheduled turns
    assertThat(SERVER.server().blobs().exists(blob)).as("freed during another's run").isTrue();

    release.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (SERVER.server().blobs().exists(blob) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(SERVER.server().blobs().exists(blob)).as("freed once the other run ended").isFalse();
  }

  @Test
  void onDemandCollectionWaitsForAnotherReplicasRun() throws Exception {
    BlobRef blob = uploadAndDelete("/held/b.bin");
    AcaiClient admin = AcaiClient.connect(SERVER.endpoint(), SERVER.adminToken());

    CompletableFuture<GcReport> gc = CompletableFuture.supplyAsync(() -> admin.admin().gc());
    Thread.sleep(1000);
    assertThat(gc).isNotDone();

    release.countDown();
    gc.get(15, TimeUnit.SECONDS);
    assertThat(SERVER.server().blobs().exists(blob)).isFalse();
  }

  private BlobRef uploadAndDelete(String remote) throws Exception {
    Path local = Files.createTempFile(dir, "up", ".bin");
    Files.writeString(local, "collect me " + System.nanoTime());
    user.files().upload(Map.of(local.toString(), remote));
    List<FileVersionInfo> versions = user.files().listFileVersions(remote);
    FileVersionInfo version = versions.get(versions.size() - 1);
    user.trash().deleteFile(remote);
    return new BlobRef(version.sha256(), version.size());
  }

  private void awaitRelease() {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
