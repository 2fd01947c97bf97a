package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobStatus;
import org.acai.api.lifecycle.FsckReport;
import org.acai.api.storage.FileSetContent;
import org.acai.api.storage.FileVersionInfo;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilePair;
import org.acai.sdk.JobSpec;
import org.acai.sdk.ProjectClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash suite: a real server process is killed with SIGKILL at a random moment while clients
 * upload multi-file sessions, create file sets, update metadata and run jobs that write outputs (so
 * that kills land during PUTs, commits, set creation, metadata updates and UPLOADING steps); after
 * each restart every acknowledged write is there with its bytes, every visible version downloads
 * with the bytes its path says, every file set resolves, no job is left live, and fsck with hash
 * verification is clean. {@value #ROUNDS} rounds; the seed is printed for replay ({@code
 * -Dacai.crash.seed=S}, {@code -Dacai.crash.rounds=N} for the long form).
 */
class CrashSuiteIT {
  private static final int ROUNDS = 3;

  @TempDir Path home;
  @TempDir Path local;

  private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> sets = new ConcurrentLinkedQueue<>();

  @Test
  void everyAcknowledgedWriteSurvivesSigkillAndNothingPartialIsVisible() throws Exception {
    long seed = Long.getLong("acai.crash.seed", System.nanoTime());
    int rounds = Integer.getInteger("acai.crash.rounds", ROUNDS);
    System.out.println("CrashSuiteIT seed " + seed + " (-Dacai.crash.seed=" + seed + ")");
    Random random = new Random(seed);
    ServerProcess server = ServerProcess.start(home);
    String admin = Files.readString(home.resolve("admin-token")).strip();
    String token =
        new ProjectClient(URI.create(server.url))
            .createProject("crash", admin, "ann")
            .projectAdminToken();
    for (int round = 0; round < rounds; round++) {
      AcaiClient client = AcaiClient.connect(URI.create(server.url), token);
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> workers =
          List.of(
              worker(() -> uploads(client, stop)),
              worker(() -> fileSets(client, stop)),
              worker(() -> metadata(client, stop)),
              worker(() -> jobs(client, stop)));
      long killAfter = 800L + random.nextInt(2200);
      Thread.sleep(killAfter);
      server.kill9();
      stop.set(true);
      for (Thread worker : workers) {
        worker.join(TimeUnit.SECONDS.toMillis(30));
      }
      server = ServerProcess.start(home);
      AcaiClient after = AcaiClient.connect(URI.create(server.url), token);
      verify(after, round);
      List<JobInfo> jobs = after.jobs().list();
      System.out.printf(
          "CrashSuiteIT round %d: SIGKILL after %d ms; %d acknowledged versions, %d file sets,"
              + " %d jobs (%d failed by the restart) verified%n",
          round,
          killAfter,
          acknowledged.size(),
          sets.size(),
          jobs.size(),
          jobs.stream().filter(job -> "server restarted".equals(job.reason())).count());
    }
    FsckReport fsck = AcaiClient.connect(URI.create(server.url), admin).admin().fsckWithHashes();
    assertThat(fsck.isClean()).as("%s", fsck).isTrue();
    assertThat(fsck.checkedBlobs()).isPositive();
    server.process.destroy();
    server.process.waitFor(30, TimeUnit.SECONDS);
  }

  private void uploads(AcaiClient client, AtomicBoolean stop) throws IOException {
    for (int batch = 0; !stop.get(); batch++) {
      Map<String, String> files = new LinkedHashMap<>();
      for (int i = 0; i < 5; i++) {
        String remote = "/data/f" + i + ".txt";
        Path file = local.resolve("b" + batch + "-" + i);
        Files.writeString(file, content(remote, batch));
        files.put(file.toString(), remote);
      }
      for (FilePair pair : client.files().upload(files)) {
        acknowledged.put(pair.remote(), Files.readString(Path.of(pair.local())));
      }
    }
  }

  private void fileSets(AcaiClient client, AtomicBoolean stop) {
    for (int n = 0; !stop.get(); n++) {
      List<String> members = new ArrayList<>(acknowledged.keySet());
      if (members.isEmpty()) {
        pause();
        continue;
      }
      FileSetContent set =
          client
              .fileSets()
              .createFileSet("set" + (n % 3), members.subList(0, Math.min(10, members.size())));
      sets.add(set.id());
    }
  }

  private void metadata(AcaiClient client, AtomicBoolean stop) {
    for (int n = 0; !stop.get(); n++) {
      for (String path : List.copyOf(acknowledged.keySet())) {
        client.meta().updateFileMeta(path, List.of("seen"), Map.of("round", n));
      }
      pause();
    }
  }

  private void jobs(AcaiClient client, AtomicBoolean stop) {
    while (!stop.get()) {
      String command = "mkdir -p out; for i in $(seq 1 20); do echo $i > out/f$i.txt; done";
      JobInfo job =
          client
              .jobs()
              .submit(JobSpec.builder().name("writer").command(command).outputPath("out").build());
      client.jobs().waitFor(job.id(), java.time.Duration.ofSeconds(30));
    }
  }

  private void verify(AcaiClient client, int round) throws IOException {
    for (Map.Entry<String, String> write : acknowledged.entrySet()) {
      assertThat(download(client, write.getKey()))
          .as("round %d: acknowledged %s", round, write.getKey())
          .isEqualTo(write.getValue());
    }
    for (String set : sets) {
      for (String member : client.fileSets().listFileSetContent(set).files()) {
        assertThat(download(client, member)).startsWith(pathOf(member) + "|");
      }
    }
    for (int i = 0; i < 5; i++) {
      String path = "/data/f" + i + ".txt";
      List<FileVersionInfo> versions;
      try {
        versions = client.files().listFileVersions(path);
      } catch (NoSuchFileException e) {
        // The kill came before any upload of it committed: then none was acknowledged either.
        assertThat(acknowledged.keySet()).noneMatch(id -> id.startsWith(path + ":"));
        continue;
      }
      // Committed but never acknowledged (the kill came before the answer) is fine; partial is not.
      for (FileVersionInfo version : versions) {
        assertThat(download(client, path + ":" + version.version())).startsWith(path + "|");
      }
    }
    for (JobInfo job : client.jobs().list()) {
      client.jobs().waitFor(job.id(), java.time.Duration.ofSeconds(60));
      JobInfo ended = client.jobs().find(job.id());
      assertThat(ended.jobStatus())
          .as("round %d: job %d after recovery", round, job.id())
          .isIn(JobStatus.FINISHED, JobStatus.FAILED);
      if (ended.jobStatus() == JobStatus.FINISHED) {
        assertThat(client.fileSets().listFileSetContent(ended.outputFileSet()).files()).hasSize(20);
      }
    }
  }

  private String download(AcaiClient client, String version) throws IOException {
    Path target = local.resolve("check-" + Integer.toHexString(version.hashCode()));
    Files.deleteIfExists(target);
    client.files().download(Map.of(version, target.toString()));
    return Files.readString(target, StandardCharsets.UTF_8);
  }

  private static String content(String path, int batch) {
    return path + "|" + batch + "|" + "x".repeat(1000 + batch % 7 * 3000);
  }

  private static String pathOf(String version) {
    int colon = version.lastIndexOf(':');
    return colon < 0 ? version : version.substring(0, colon);
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs {@code work} until the server dies under it: its failure then is the expected one. */
  private static Thread worker(ThrowingRunnable work) {
    Thread thread =
        new Thread(
            () -> {
              try {
                work.run();
              } catch (Exception | AssertionError e) {
                // The server was killed under this call: what it did not acknowledge may be lost.
              }
            });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
