package org.acai.sdk.transfer;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.acai.api.error.InvalidRequestException;
import org.acai.sdk.internal.ServerErrors;

/**
 * Data-plane transfers to and from presigned URLs (treated as opaque): bounded parallelism, bytes
 * streamed from and to disk (never whole files in memory), retries with backoff on connection
 * errors and 5xx answers but never on 4xx, downloads checked against their SHA-256 and moved into
 * place atomically. Thread-safe.
 */
public final class Transfers {
  private static final int MAX_ERROR_BODY = 4096;

  private final Supplier<HttpClient> factory;
  private final PartedUpload parts = new PartedUpload(MAX_ERROR_BODY, Transfers::check);
  private HttpClient http;

  /** Transfers over {@code http}. */
  public Transfers(HttpClient http) {
    this(() -> http);
  }

  /**
   * Transfers over the client {@code factory} makes when the first small file travels on its own:
   * batches and big files never need it, and building one costs a short command noticeable CPU.
   */
  public Transfers(Supplier<HttpClient> factory) {
    this.factory = factory;
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = factory.get();
    }
    return http;
  }

  /**
   * Reads each small file once, in parallel, for its size and SHA-256 (what an upload declares);
   * files of {@value StreamingUpload#THRESHOLD} bytes or more are only measured, since {@link
   * #upload} hashes them while it sends them.
   *
   * @return one entry per file, in order (the SHA-256 of a large one null)
   * @throws InvalidRequestException if a file is missing, unreadable or not a regular file
   */
  public List<LocalFile> describe(List<Path> files, TransferOptions options) {
    List<LocalFile> described = new ArrayList<>(Collections.nCopies(files.size(), null));
    Batch.run(
        indexes(files.size()),
        new Progress(TransferListener.NONE, 0, files.size()),
        options,
        index -> files.get(index).toString(),
        (index, attempt) -> described.set(index, describe(files.get(index))));
    return described;
  }

  private static LocalFile describe(Path file) throws IOException {
    LocalFile measured = Sha256.measure(file);
    return measured.size() >= StreamingUpload.THRESHOLD ? measured : Sha256.describe(file);
  }

  /**
   * PUTs each file to its URL.
   *
   * @return per file, in order, the SHA-256 of the bytes sent if they were hashed on the way (the
   *     large files {@link #describe} only measured), else null
   * @throws org.acai.api.error.AcaiException the error a URL answered with (4xx), or {@link
   *     org.acai.api.error.ServiceFailureException} once retries are exhausted
   */
  public List<String> upload(List<UploadTask> tasks, TransferOptions options) {
    long total = tasks.stream().mapToLong(UploadTask::size).sum();
    AtomicReferenceArray<String> sent = new AtomicReferenceArray<>(tasks.size());
    Batch.run(
        indexes(tasks.size()),
        new Progress(options.listener(), total, tasks.size()),
        options,
        index -> tasks.get(index).file().toString(),
        (index, attempt) -> sent.set(index, put(tasks.get(index), attempt)));
    List<String> digests = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      digests.add(sent.get(i));
    }
    return digests;
  }

  private static List<Integer> indexes(int count) {
    List<Integer> indexes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      indexes.add(i);
    }
    return indexes;
  }

  /**
   * GETs each URL into its target via a temporary file beside it, verifying size and SHA-256.
   *
   * @throws org.acai.api.error.AcaiException the error a URL answered with (4xx), or {@link
   *     org.acai.api.error.ServiceFailureException} once retries are exhausted
   */
  public void download(List<DownloadTask> tasks, TransferOptions options) {
    long total = tasks.stream().mapToLong(DownloadTask::size).sum();
    Batch.run(
        tasks,
        new Progress(options.listener(), total, tasks.size()),
        options,
        task -> task.target().toString(),
        this::get);
  }

  /**
   * PUTs one file; returns the SHA-256 of the bytes sent if it hashed them, or the one the server's
   * receipt gives them, else null.
   */
  private String put(UploadTask task, Progress.Attempt attempt)
      throws IOException, InterruptedException {
    if (task.partUrls() != null) {
      return parts.send(task, attempt);
    }
    if (task.size() >= StreamingUpload.THRESHOLD) {
      // With a receipt the server's SHA-256 is declared and a CRC32C checks what landed; without
      // one the file is hashed with SHA-256 here.
      CRC32C crc32c = new CRC32C();
      MessageDigest digest = task.receipt() ? null : Sha256.newDigest();
      byte[][] answer = new byte[1][];
      StreamingUpload.send(
          URI.create(task.url()),
          task.file(),
          0,
          task.size(),
          task.receipt() ? crc32c::update : digest::update,
          attempt::add,
          MAX_ERROR_BODY,
          (body, status) -> {
            check(status, body, task.file());
            answer[0] = body;
          });
      return task.receipt()
          ? UploadReceipt.check(answer[0], task.file(), task.size(), crc32c.getValue())
          : Sha256.hex(digest);
    }
    HttpRequest.BodyPublisher body;
    try {
      body = HttpRequest.BodyPublishers.ofFile(task.file());
    } catch (FileNotFoundException e) {
      throw new InvalidRequestException("Cannot upload %s: not a readable file", task.file());
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(task.url()))
            .header("Content-Type", "application/octet-stream")
            .PUT(new CountingPublisher(body, attempt::add))
            .build();
    HttpResponse<byte[]> response = http().send(request, HttpResponse.BodyHandlers.ofByteArray());
    check(response.statusCode(), response.body(), task.file());
    return null;
  }

  private void get(DownloadTask task, Progress.Attempt attempt)
      throws IOException, InterruptedException {
    Path target = task.target();
    Path temp =
        target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
    try {
      MessageDigest digest = Sha256.newDigest();
      boolean checked = false;
      if (task.size() >= StreamingDownload.THRESHOLD) {
        checked =
            StreamingDownload.fetch(
                URI.create(task.url()),
                temp,
                digest,
                attempt::add,
                MAX_ERROR_BODY,
                (body, status) -> check(status, body, target));
      } else {
        // The client's own file subscriber writes the buffers to disk; they are hashed on the way,
        // without being copied through a stream or read back.
        HttpResponse<Path> response =
            http()
                .send(
                    HttpRequest.newBuilder(URI.create(task.url())).GET().build(),
                    info ->
                        new DigestingSubscriber<>(
                            HttpResponse.BodySubscribers.ofFile(
                                temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                            digest,
                            attempt::add));
        if (response.statusCode() != 200) {
          check(response.statusCode(), prefix(temp), target);
        }
      }
      long received = Files.size(temp);
      if (received != task.size()) {
        throw new TransientFailure(
            "received " + received + " bytes of " + task.size() + " for " + target);
      }
      if (!checked && task.sha256() != null && !task.sha256().equals(Sha256.hex(digest))) {
        throw new TransientFailure("the bytes of " + target + " do not match their SHA-256");
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static byte[] prefix(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(MAX_ERROR_BODY);
    }
  }

  private static void check(int status, byte[] body, Path file) {
    if (status / 100 == 2) {
      return;
    }
    if (status >= 500) {
      throw new TransientFailure("HTTP " + status + " for " + file);
    }
    throw ServerErrors.toException(status, body);
  }
}
