package org.acai.sdk.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.acai.api.error.AcaiException;
import org.acai.api.error.ServiceFailureException;
import org.acai.sdk.internal.ServerErrors;

/**
 * Parallel data-plane transfers to and from presigned URLs: bounded parallelism, bytes streamed
 * from and to disk, retries with backoff on connection errors and 5xx answers (never on 4xx).
 * Thread-safe.
 */
public final class Transfers {
  private static final int ATTEMPTS = 4;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

  private final HttpClient http;
  private final int parallelism;

  /** Transfers over {@code http}, at most {@code parallelism} at once. */
  public Transfers(HttpClient http, int parallelism) {
    this.http = http;
    this.parallelism = parallelism;
  }

  /** One PUT or GET to do. */
  public record Task(String url, Path file, long size, String sha256) {}

  /** PUTs each file to its URL. */
  public void upload(List<Task> tasks, TransferListener listener) {
    run(tasks, listener, this::put);
  }

  /** GETs each URL into its file (via a temporary file beside it, SHA-256 checked when known). */
  public void download(List<Task> tasks, TransferListener listener) {
    run(tasks, listener, this::get);
  }

  /** The lower-case hex SHA-256 of a file, read once. */
  public static String sha256(Path file) {
    try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  @FunctionalInterface
  private interface Step {
    void transfer(Task task) throws IOException, InterruptedException;
  }

  private void run(List<Task> tasks, TransferListener listener, Step step) {
    long total = tasks.stream().mapToLong(Task::size).sum();
    AtomicLong bytes = new AtomicLong();
    AtomicInteger files = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, tasks.size())));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Task task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  withRetries(task, step);
                  listener.progress(
                      bytes.addAndGet(task.size()), total, files.incrementAndGet(), tasks.size());
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceFailureException(e, "Interrupted during transfer");
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void withRetries(Task task, Step step) throws IOException, InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      try {
        step.transfer(task);
        return;
      } catch (IOException | Transient e) {
        if (attempt >= ATTEMPTS) {
          throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        Thread.sleep(backoff.toMillis());
        backoff = backoff.multipliedBy(2);
      }
    }
  }

  private void put(Task task) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(task.url()))
            .header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofFile(task.file()))
            .build();
    check(http.send(request, HttpResponse.BodyHandlers.ofByteArray()), task);
  }

  private void get(Task task) throws IOException, InterruptedException {
    Path target = task.file();
    Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".acai-", ".part");
    try {
      HttpResponse<java.io.InputStream> response =
          http.send(
              HttpRequest.newBuilder(URI.create(task.url())).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          check(response.statusCode(), body.readAllBytes(), task);
        }
        Files.copy(body, temp, StandardCopyOption.REPLACE_EXISTING);
      }
      if (task.sha256() != null && !task.sha256().equals(sha256(temp))) {
        throw new Transient("Downloaded bytes of " + target + " do not match their SHA-256");
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void check(HttpResponse<byte[]> response, Task task) {
    check(response.statusCode(), response.body(), task);
  }

  private static void check(int status, byte[] body, Task task) {
    if (status == 200) {
      return;
    }
    if (status >= 500) {
      throw new Transient("HTTP " + status + " for " + task.file());
    }
    throw ServerErrors.toException(status, body);
  }

  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof AcaiException acai) {
      return acai;
    }
    if (cause instanceof IOException io) {
      return new ServiceFailureException(io, "Transfer failed: %s", io.getMessage());
    }
    return cause instanceof RuntimeException runtime
        ? runtime
        : new ServiceFailureException(cause, "Transfer failed");
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A failure worth retrying (5xx, corrupted download). */
  private static final class Transient extends RuntimeException {
    Transient(String message) {
      super(message);
    }
  }
}
