package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.storage.UploadSession;
import org.acai.sdk.ProjectClient;
import org.acai.sdk.internal.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the server in the middle of uploads: nothing partial becomes visible, nothing
 * committed is lost.
 */
class CrashRecoveryIT {
  // A duration no other process on this machine sleeps, to find the job's process.
  private static final String SLEEP = "600." + (System.nanoTime() % 1_000_000_000L);
  private static final String PLAIN_SLEEP = "700." + (System.nanoTime() % 1_000_000_000L);

  @TempDir Path home;

  @Test
  void killDuringUploadLeavesNoPartialVersionAndKeepsCommittedOnes() throws Exception {
    ServerProcess first = ServerProcess.start(home);
    String token = projectAdminToken(first, "crash");
    Transport api = new Transport(URI.create(first.url), token);
    upload(api, List.of("/kept.txt"), "committed before the crash");
    UploadSession pending = start(api, List.of("/half/a.txt", "/half/b.txt"));
    put(pending.files().get(0).s3Url(), "landed".getBytes(StandardCharsets.UTF_8));
    UploadSession streaming = start(api, List.of("/streaming.bin"));
    CompletableFuture<HttpResponse<Void>> slowPut = slowPut(streaming.files().get(0).s3Url());
    Map<?, ?> job =
        (Map<?, ?>)
            api.post(
                    "/job_registry/new_job",
                    Map.of(
                        "name",
                        "long",
                        "command",
                        "echo running; sleep " + SLEEP,
                        "output_path",
                        "./out/"),
                    Map.class)
                .get("job");
    long jobId = ((Number) job.get("id")).longValue();
    awaitStatus(api, jobId, "RUNNING");

    first.kill9();
    slowPut.handle((response, error) -> null).join();
    ServerProcess second = ServerProcess.start(home);
    try {
      assertRecovered(new Transport(URI.create(second.url), token), pending.sessionId(), jobId);
      // Gone with the first server, or killed by the second: no job process outlives its server.
      awaitNone(SLEEP);
    } finally {
      sleepers(SLEEP).forEach(ProcessHandle::destroyForcibly);
      second.process.destroy();
      second.process.waitFor();
    }
  }

  private static void assertRecovered(Transport after, String sessionId, long jobId)
      throws Exception {
    Map<?, ?> kept = after.get("/storage/download_file", Map.of("path", "/kept.txt"), Map.class);
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create((String) kept.get("s3_url"))).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();

    assertThat(body).isEqualTo("committed before the crash");
    for (String partial : List.of("/half/a.txt", "/half/b.txt", "/streaming.bin")) {
      assertThatThrownBy(
              () -> after.get("/storage/list_file_versions", Map.of("path", partial), List.class))
          .as(partial)
          .isInstanceOf(NoSuchFileException.class);
    }
    assertThat(status(after, jobId)).isEqualTo("FAILED");
    Map<?, ?> failed = after.get("/job_registry/job", Map.of("job_id", jobId), Map.class);
    assertThat(failed.get("reason")).isEqualTo("server restarted");
    UploadSession polled =
        after.get(
            "/storage/poll_file_upload_session",
            Map.of("session_id", sessionId),
            UploadSession.class);
    assertThat(polled.committed()).isFalse();
  }

  /**
   * A plain job ({@code ACAI_SANDBOX=none}, not isolated, also where bubblewrap is installed) and a
   * daemon it leaves behind, which keeps forking, keep running when their server is killed; the
   * next server ends them all, the forking daemon included.
   */
  @Test
  void plainJobsOfAKilledServerAreEndedByTheNextOne() throws Exception {
    Map<String, String> plain = Map.of("ACAI_SANDBOX", "none");
    ServerProcess first = ServerProcess.start(List.of(), ServerProcess.JAR, home, plain);
    String token = projectAdminToken(first, "orphans");
    Transport api = new Transport(URI.create(first.url), token);
    String sleep = "sleep " + PLAIN_SLEEP;
    String command = "(setsid sh -c 'while :; do " + sleep + " & sleep 0.05; done' &); " + sleep;
    Map<?, ?> job =
        (Map<?, ?>)
            api.post(
                    "/job_registry/new_job",
                    Map.of("name", "plain", "command", command, "output_path", "./out/"),
                    Map.class)
                .get("job");
    awaitStatus(api, ((Number) job.get("id")).longValue(), "RUNNING");
    ServerProcess second = null;
    try {
      for (int i = 0; i < 500 && sleepers(PLAIN_SLEEP).size() < 2; i++) {
        Thread.sleep(10);
      }
      assertThat(sleepers(PLAIN_SLEEP)).hasSizeGreaterThanOrEqualTo(2);

      first.kill9();
      int before = sleepers(PLAIN_SLEEP).size();
      Thread.sleep(500);
      assertThat(sleepers(PLAIN_SLEEP))
          .as("outlive their killed server")
          .hasSizeGreaterThan(before);
      second = ServerProcess.start(List.of(), ServerProcess.JAR, home, plain);
      awaitNone(PLAIN_SLEEP);
      Thread.sleep(300);
      assertThat(sleepers(PLAIN_SLEEP)).as("nothing left that forks them").isEmpty();
    } finally {
      ProcessHandle.allProcesses()
          .filter(process -> process.info().commandLine().orElse("").contains(PLAIN_SLEEP))
          .forEach(ProcessHandle::destroyForcibly);
      if (second != null) {
        second.process.destroy();
        second.process.waitFor();
      }
    }
  }

  /** Creates a project on the server (whose data is in {@link #home}); its admin's token. */
  private String projectAdminToken(ServerProcess server, String project) throws IOException {
    String admin = Files.readString(home.resolve("admin-token")).strip();
    return new ProjectClient(URI.create(server.url))
        .createProject(project, admin, "ann")
        .projectAdminToken();
  }

  private static void awaitNone(String duration) throws InterruptedException {
    for (int i = 0; i < 500 && !sleepers(duration).isEmpty(); i++) {
      Thread.sleep(10);
    }
    assertThat(sleepers(duration)).isEmpty();
  }

  private static List<ProcessHandle> sleepers(String duration) {
    return ProcessHandle.allProcesses()
        .filter(process -> process.info().commandLine().orElse("").endsWith("sleep " + duration))
        .toList();
  }

  private static String status(Transport api, long jobId) {
    List<?> statuses =
        api.post("/job_monitor/job_status", Map.of("ids", List.of(jobId)), List.class);
    return (String) ((Map<?, ?>) statuses.get(0)).get("job_status");
  }

  private static void awaitStatus(Transport api, long jobId, String wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (!wanted.equals(status(api, jobId))) {
      assertThat(System.nanoTime())
          .as("job %d never became %s", jobId, wanted)
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static void upload(Transport api, List<String> paths, String content) throws Exception {
    UploadSession session = start(api, paths);
    for (var target : session.files()) {
      put(target.s3Url(), content.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(
            api.post(
                    "/storage/finish_file_upload_session",
                    Map.of("session_id", session.sessionId()),
                    UploadSession.class)
                .committed())
        .isTrue();
  }

  private static UploadSession start(Transport api, List<String> paths) {
    return api.post(
        "/storage/start_file_upload_session", Map.of("paths", paths), UploadSession.class);
  }

  private static void put(String url, byte[] bytes) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /** A PUT that trickles bytes forever, so the server is killed mid-stream. */
  private static CompletableFuture<HttpResponse<Void>> slowPut(String url) {
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
          }

          @Override
          public int read(byte[] buffer, int offset, int length) {
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return -1;
            }
            int count = Math.min(length, 65536);
            java.util.Arrays.fill(buffer, offset, offset + count, (byte) 'x');
            return count;
          }
        };
    return HttpClient.newHttpClient()
        .sendAsync(
            HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> endless))
                .build(),
            HttpResponse.BodyHandlers.discarding());
  }
}
