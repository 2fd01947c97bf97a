package org.acai.bench.gc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.api.lifecycle.GcReport;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.ProjectClient;
import org.acai.server.AcaiServer;
import org.acai.server.blob.BlobRef;
import org.acai.testkit.s3.S3ProxyExtension;
import org.jdbi.v3.core.Jdbi;

/**
 * One store's run: loads the versions and blobs, puts half the versions in an expired trash so that
 * half the blobs lose their last reference, times one GC while sampling the heap, then times the
 * delete of a directory of many files through the SDK.
 */
final class GcRun {
  private final AcaiServer server;
  private final Path home;
  private final String store;
  private final S3ProxyExtension s3;
  private final GcSizes sizes;
  private final Jdbi jdbi;

  GcRun(AcaiServer server, Path home, String store, S3ProxyExtension s3, GcSizes sizes) {
    this.server = server;
    this.home = home;
    this.store = store;
    this.s3 = s3;
    this.sizes = sizes;
    this.jdbi = server.database().jdbi();
  }

  String measure() throws Exception {
    String adminToken =
        Files.readString(home.resolve("admin-token"), StandardCharsets.UTF_8).strip();
    CreateProjectResponse project =
        new ProjectClient(server.url()).createProject("gcbench", adminToken, "bench-admin");
    long projectKey =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery("SELECT id FROM projects WHERE name = 'gcbench'")
                    .mapTo(Long.class)
                    .one());
    long start = System.nanoTime();
    GcData data = new GcData(jdbi, projectKey, project.projectAdminId(), sizes);
    data.blobs(s3 == null ? new BlobWriter.Local(home.resolve("blobs")) : new BlobWriter.S3(s3));
    data.versions();
    double setup = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "%s: loaded in %.1f s%n", store, setup);

    HeapPeak heap = new HeapPeak();
    start = System.nanoTime();
    GcReport report = server.lifecycle().gc().run();
    double gcSeconds = (System.nanoTime() - start) / 1e9;
    long peak = heap.stop();
    long before = heap.baseline();
    check(data);

    data.directory();
    AcaiClient admin = AcaiClient.connect(server.url(), project.projectAdminToken());
    start = System.nanoTime();
    long removed = admin.trash().deleteDirectory("/big").items();
    double rmSeconds = (System.nanoTime() - start) / 1e9;
    return String.format(
        Locale.ROOT,
        "| %s | %,d | %,d | %.1f | %.1f | %,d | %,d | %.1f | %d | %d | %,d | %.2f |",
        store,
        sizes.versions(),
        sizes.blobs(),
        setup,
        gcSeconds,
        report.purgedItems(),
        report.freedBlobs(),
        report.freedBytes() / 1e6,
        before >> 20,
        peak >> 20,
        removed,
        rmSeconds);
  }

  /** A freed blob is gone and a kept one is there. */
  private void check(GcData data) {
    BlobRef freed = data.blob(0);
    BlobRef kept = data.blob(sizes.blobs() - 1);
    if (server.blobs().exists(freed) || !server.blobs().exists(kept)) {
      throw new IllegalStateException("GC freed the wrong blobs");
    }
  }
}
