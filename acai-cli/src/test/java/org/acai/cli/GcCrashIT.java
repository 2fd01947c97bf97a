package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acai.api.lifecycle.FsckReport;
import org.acai.api.lifecycle.GcReport;
import org.acai.api.storage.UploadSession;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilePair;
import org.acai.sdk.ProjectClient;
import org.acai.sdk.internal.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real server process while a garbage collection sweeps thousands of collectable blobs
 * (loose files from upload sessions and packed ones from batches, some sharing content with files
 * that stay): after the restart fsck with hash verification is clean, every visible version reads
 * back with its bytes, and a second GC finishes the work, leaving no orphan. The sweep runs in
 * small batches ({@code ACAI_GC_BATCH}) and the test watches its progress in {@code /metrics}, so
 * each kill lands while the sweep is part done: some batches committed, most not.
 */
class GcCrashIT {
  private static final int LOOSE = 600;
  private static final int PACKED = 3000;
  private static final int BATCH = 10;
  private static final Pattern FREED =
      Pattern.compile("(?m)^acai_gc_sweep_freed_blobs(?:\\{[^}]*\\})? ([0-9.E+]+)$");

  @TempDir Path home;
  @TempDir Path local;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void killDuringGcSweepThenRestartLeavesFsckCleanAndASecondGcFinishes() throws Exception {
    ServerProcess server = start();
    String admin = Files.readString(home.resolve("admin-token")).strip();
    String token =
        new ProjectClient(URI.create(server.url))
            .createProject("gccrash", admin, "ann")
            .projectAdminToken();
    Map<String, String> kept = new LinkedHashMap<>();
    long[] killAfter = {BATCH, 1500};
    for (int round = 0; round < killAfter.length; round++) {
      AcaiClient client = AcaiClient.connect(URI.create(server.url), token);
      long doomed = fill(client, new Transport(URI.create(server.url), token), round, kept);
      client.trash().deleteDirectory("/doomed" + round);
      AcaiClient killed = AcaiClient.connect(URI.create(server.url), admin);
      CompletableFuture<GcReport> gc = CompletableFuture.supplyAsync(() -> killed.admin().gc());
      long seen = awaitSweptAtLeast(server, admin, killAfter[round], gc);
      server.kill9();
      GcReport finished = gc.handle((report, failure) -> report).get(30, TimeUnit.SECONDS);
      assertThat(finished).as("round %d: the GC was killed before it ended", round).isNull();

      server = start();
      AcaiClient root = AcaiClient.connect(URI.create(server.url), admin);
      FsckReport afterCrash = root.admin().fsckWithHashes();
      assertThat(afterCrash.isClean()).as("round %d: %s", round, afterCrash).isTrue();
      assertThat(readBack(AcaiClient.connect(URI.create(server.url), token), kept))
          .as("round %d", round)
          .isTrue();
      GcReport second = root.admin().gc();
      FsckReport done = root.admin().fsckWithHashes();
      print(round, seen, second, doomed, done);
      assertThat(second.purgedItems()).as("the purge had committed before the sweep").isZero();
      assertThat(second.freedBlobs())
          .as("round %d: the second GC freed what the killed sweep left", round)
          .isPositive()
          .isLessThanOrEqualTo(doomed - seen);
      assertThat(done.isClean()).as("%s", done).isTrue();
      assertThat(done.orphanBlobs()).as("%s", done).isZero();
      assertThat(root.admin().gcDryRun().freedBlobs()).isZero();
      assertThat(readBack(AcaiClient.connect(URI.create(server.url), token), kept)).isTrue();
    }
    server.process.destroy();
    server.process.waitFor(30, TimeUnit.SECONDS);
  }

  /**
   * Scrapes {@code /metrics} until the running sweep has freed at least {@code blobs} blobs.
   *
   * @return the count seen
   */
  private long awaitSweptAtLeast(
      ServerProcess server, String admin, long blobs, CompletableFuture<GcReport> gc)
      throws Exception {
    HttpRequest scrape =
        HttpRequest.newBuilder(URI.create(server.url + "/metrics"))
            .header("Authorization", "Bearer " + admin)
            .build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      assertThat(gc).as("the GC ended before the kill").isNotDone();
      Matcher matcher = FREED.matcher(http.send(scrape, BodyHandlers.ofString()).body());
      long freed = matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
      if (freed >= blobs) {
        return freed;
      }
    }
    throw new AssertionError("the sweep did not reach " + blobs + " freed blobs in 120 s");
  }

  private static void print(int round, long seen, GcReport second, long doomed, FsckReport done) {
    System.out.printf(
        "GcCrashIT round %d: killed with %d blobs freed by the sweep; the second GC freed %d of"
            + " the %d doomed; fsck %s, orphans %d%n",
        round,
        seen,
        second.freedBlobs(),
        doomed,
        done.isClean() ? "clean" : "NOT CLEAN",
        done.orphanBlobs());
  }

  private ServerProcess start() throws Exception {
    Map<String, String> env = new HashMap<>();
    if (!Files.isExecutable(Path.of("/usr/bin/bwrap"))) {
      env.put("ACAI_SANDBOX", "none");
    }
    env.put("ACAI_RETENTION", "0");
    env.put("ACAI_GC_GRACE", "0");
    env.put("ACAI_GC_INTERVAL", "0");
    env.put("ACAI_GC_BATCH", Integer.toString(BATCH));
    return ServerProcess.start(List.of(), ServerProcess.JAR, home, env);
  }

  /**
   * Uploads the doomed files of a round (loose and packed), some with the content of a kept file
   * uploaded this round too.
   *
   * @return how many distinct doomed blobs only the doomed files use
   */
  private long fill(AcaiClient client, Transport api, int round, Map<String, String> kept)
      throws Exception {
    List<FilePair> pairs = new ArrayList<>();
    for (int i = 0; i < PACKED; i++) {
      String content = "packed " + round + " " + i + " " + System.nanoTime();
      Path file = Files.writeString(local.resolve("p" + round + "-" + i), content);
      pairs.add(new FilePair(file.toString(), "/doomed" + round + "/p" + i));
      if (i % 100 == 0) {
        pairs.add(new FilePair(file.toString(), "/kept" + round + "/p" + i));
        kept.put("/kept" + round + "/p" + i, content);
      }
    }
    client.files().upload(pairs);
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < LOOSE; i++) {
      paths.add("/doomed" + round + "/l" + i);
    }
    UploadSession session =
        api.post("/storage/start_file_upload_session", Map.of("paths", paths), UploadSession.class);
    for (int i = 0; i < LOOSE; i++) {
      put(session.files().get(i).s3Url(), "loose " + round + " " + i + " " + System.nanoTime());
    }
    api.post(
        "/storage/finish_file_upload_session",
        Map.of("session_id", session.sessionId()),
        UploadSession.class);
    return PACKED - PACKED / 100 + LOOSE;
  }

  private void put(String url, String content) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofString(content))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private boolean readBack(AcaiClient client, Map<String, String> kept) throws Exception {
    Path out = Files.createDirectories(local.resolve("down-" + System.nanoTime()));
    Map<String, String> remoteToLocal = new LinkedHashMap<>();
    Map<Path, String> expected = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, String> entry : kept.entrySet()) {
      Path target = out.resolve("k" + i++);
      remoteToLocal.put(entry.getKey(), target.toString());
      expected.put(target, entry.getValue());
    }
    client.files().download(remoteToLocal);
    for (Map.Entry<Path, String> entry : expected.entrySet()) {
      if (!Files.readString(entry.getKey(), StandardCharsets.UTF_8).equals(entry.getValue())) {
        return false;
      }
    }
    return true;
  }
}
