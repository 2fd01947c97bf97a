package org.acai.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobSpec;

/**
 * One user running the expensive paths back to back from 12 threads, more than it may run at once,
 * over raw HTTP: unlike the SDK, which waits out a 429, it ignores Retry-After and goes on.
 */
final class Hammer {
  /** Requests sent. */
  static final AtomicLong CALLS = new AtomicLong();

  /** Requests answered 429. */
  static final AtomicLong REFUSED = new AtomicLong();

  private static final String REGEX_QUERY =
      "{\"entity_type\":\"file\",\"conditions\":[{\"key\":\"name\",\"type\":\"value\","
          + "\"value\":\"(n|m)+[0-9]*(1|7)+$\",\"re\":true}]}";

  private final URI server;
  private final String token;
  private final AcaiClient client;
  private final HttpClient http = HttpClient.newHttpClient();
  private long job;

  Hammer(URI server, String token) {
    this.server = server;
    this.token = token;
    this.client = AcaiClient.connect(server, token);
  }

  /** Files with metadata for the regex queries, and a running job for the log polls. */
  void prepare(Path scratch) throws IOException {
    Path file = Files.createDirectories(scratch.resolve("hammer")).resolve("f");
    Files.writeString(file, "hammer");
    for (int i = 0; i < 100; i++) {
      client.files().upload(Map.of(file.toString(), "/hammer/f" + i));
      client.meta().updateFileMeta("/hammer/f" + i, List.of(), Map.of("name", "n" + i));
    }
    job =
        client
            .jobs()
            .submit(JobSpec.builder().name("slow").command("sleep 600").outputPath("o").build())
            .id();
  }

  /** Hammers until interrupted, then kills the job. */
  void run() {
    List<Thread> threads = new CopyOnWriteArrayList<>();
    for (int t = 0; t < 12; t++) {
      Random random = new Random(t);
      Thread thread = new Thread(() -> loop(random), "load-hammer-" + t);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      threads.forEach(Thread::interrupt);
      client.jobs().kill(job);
    }
  }

  private void loop(Random random) {
    HttpRequest query =
        request("/meta/query_meta")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(REGEX_QUERY))
            .build();
    HttpRequest follow =
        request("/log_server/follow_job_log?job_id=" + job + "&from_line=1000000").GET().build();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        send(query);
        if (random.nextBoolean()) {
          send(follow);
        }
      }
    } catch (IOException | InterruptedException e) {
      // the end of the phase
    }
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(server.resolve(pathAndQuery))
        .header("Authorization", "Bearer " + token);
  }

  private void send(HttpRequest request) throws IOException, InterruptedException {
    CALLS.incrementAndGet();
    if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 429) {
      REFUSED.incrementAndGet();
    }
  }
}
