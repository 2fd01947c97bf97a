package org.acai.sdk.transfer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.acai.api.error.InvalidRequestException;

/**
 * A large file sent as a multipart upload through presigned part URLs (S3): up to {@value
 * #PARTS_IN_FLIGHT} parts travel at once, each read from its own offset of the file, while one more
 * thread hashes the whole file in order for the digest the session's finish declares. Thread-safe.
 */
final class PartedUpload {
  /** Parts sent at once. */
  static final int PARTS_IN_FLIGHT = 4;

  /** Checks one answer; throws unless it is 2xx. */
  interface AnswerCheck {
    void check(int status, byte[] body, Path file);
  }

  private final int maxErrorBody;
  private final AnswerCheck check;

  PartedUpload(int maxErrorBody, AnswerCheck check) {
    this.maxErrorBody = maxErrorBody;
    this.check = check;
  }

  /**
   * Sends every part of the task's file and hashes it.
   *
   * @return the SHA-256 of the file
   * @throws InvalidRequestException if the file's size is not the one declared
   */
  String send(UploadTask task, Progress.Attempt attempt) throws IOException, InterruptedException {
    List<String> urls = task.partUrls();
    if (task.partSize() <= 0
        || (task.size() + task.partSize() - 1) / task.partSize() != urls.size()) {
      throw new InvalidRequestException(
          "Cannot upload %s: %d part URLs for %d bytes in parts of %d",
          task.file(), urls.size(), task.size(), task.partSize());
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(PARTS_IN_FLIGHT + 1, Daemons.threads("acai-part"));
    try {
      Future<LocalFile> hash = pool.submit(() -> Sha256.describe(task.file()));
      List<Future<Void>> parts = new ArrayList<>();
      for (int i = 0; i < urls.size(); i++) {
        long offset = i * task.partSize();
        long length = Math.min(task.partSize(), task.size() - offset);
        URI url = URI.create(urls.get(i));
        parts.add(
            pool.submit(
                () -> {
                  StreamingUpload.send(
                      url,
                      task.file(),
                      offset,
                      length,
                      null,
                      attempt::add,
                      maxErrorBody,
                      (answer, status) -> check.check(status, answer, task.file()));
                  return null;
                }));
      }
      for (Future<Void> part : parts) {
        await(part);
      }
      LocalFile hashed = await(hash);
      if (hashed.size() != task.size()) {
        throw new InvalidRequestException(
            "Cannot upload %s: it changed while being sent (%d bytes, then %d)",
            task.file(), task.size(), hashed.size());
      }
      return hashed.sha256();
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T await(Future<T> future) throws IOException, InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(cause);
    }
  }
}
