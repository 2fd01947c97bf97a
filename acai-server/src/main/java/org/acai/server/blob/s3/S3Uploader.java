package org.acai.server.blob.s3;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import org.acai.api.error.ServiceFailureException;
import org.acai.server.blob.internal.ContentHasher;
import org.acai.server.threads.Daemons;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams one upload of unknown length into an object: a single PUT when it fits in one part,
 * otherwise a multipart upload, so at most one part is in memory. The hasher checks the bytes
 * before the object becomes visible; on any failure the multipart upload is aborted.
 */
final class S3Uploader {
  /** Size of the first parts; also the largest object sent with a single PUT. */
  static final int PART_SIZE = 8 * 1024 * 1024;

  /** S3 allows 10,000 parts; doubling the part size every 1,000 keeps multi-TB uploads legal. */
  private static final int PARTS_PER_SIZE_STEP = 1000;

  private static final int MAX_PART_SIZE = 512 * 1024 * 1024;

  /** Parts sent at once; S3 takes parallel parts at the speed of the network, not of one stream. */
  private static final int PARTS_IN_FLIGHT = 4;

  private static final ThreadFactory SENDER_THREADS = Daemons.named("acai-s3-part");

  private final S3Client s3;
  private final String bucket;

  S3Uploader(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /** Uploads {@code in} to {@code objectKey}, hashing and verifying it with {@code hasher}. */
  void upload(String objectKey, InputStream in, ContentHasher hasher) {
    byte[] buffer = new byte[PART_SIZE];
    int filled = fill(in, buffer, hasher);
    if (filled < buffer.length) {
      hasher.verify();
      s3.putObject(
          request -> request.bucket(bucket).key(objectKey).contentLength((long) filled),
          body(buffer, filled));
      return;
    }
    String uploadId =
        s3.createMultipartUpload(request -> request.bucket(bucket).key(objectKey)).uploadId();
    try {
      List<CompletedPart> parts = uploadParts(objectKey, uploadId, in, hasher, buffer);
      hasher.verify();
      s3.completeMultipartUpload(
          request ->
              request
                  .bucket(bucket)
                  .key(objectKey)
                  .uploadId(uploadId)
                  .multipartUpload(upload -> upload.parts(parts)));
    } catch (RuntimeException e) {
      abortQuietly(objectKey, uploadId, e);
      throw e;
    }
  }

  /**
   * Uploads the full first buffer and then the rest of the stream, part by part: while up to
   * {@value #PARTS_IN_FLIGHT} parts travel, the next one is read and hashed, so that reading,
   * hashing and sending overlap. At most that many parts plus the one being filled are in memory.
   */
  private List<CompletedPart> uploadParts(
      String objectKey, String uploadId, InputStream in, ContentHasher hasher, byte[] first) {
    List<CompletedPart> parts = new ArrayList<>();
    Deque<Future<CompletedPart>> inFlight = new ArrayDeque<>();
    ExecutorService senders = Executors.newFixedThreadPool(PARTS_IN_FLIGHT, SENDER_THREADS);
    try {
      byte[] buffer = first;
      int filled = buffer.length;
      int partNumber = 0;
      while (filled > 0) {
        partNumber++;
        if (inFlight.size() == PARTS_IN_FLIGHT) {
          parts.add(await(inFlight.removeFirst()));
        }
        inFlight.addLast(senders.submit(part(objectKey, uploadId, partNumber, buffer, filled)));
        if (filled < buffer.length) {
          break;
        }
        int size = buffer.length;
        if (partNumber % PARTS_PER_SIZE_STEP == 0 && size < MAX_PART_SIZE) {
          size *= 2;
        }
        buffer = new byte[size];
        filled = fill(in, buffer, hasher);
      }
      while (!inFlight.isEmpty()) {
        parts.add(await(inFlight.removeFirst()));
      }
      return parts;
    } finally {
      inFlight.forEach(future -> future.cancel(true));
      senders.shutdownNow();
    }
  }

  private Callable<CompletedPart> part(
      String objectKey, String uploadId, int partNumber, byte[] buffer, int filled) {
    return () -> {
      String eTag =
          s3.uploadPart(
                  request ->
                      request
                          .bucket(bucket)
                          .key(objectKey)
                          .uploadId(uploadId)
                          .partNumber(partNumber)
                          .contentLength((long) filled),
                  body(buffer, filled))
              .eTag();
      return CompletedPart.builder().partNumber(partNumber).eTag(eTag).build();
    };
  }

  private static CompletedPart await(Future<CompletedPart> part) {
    try {
      return part.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceFailureException(e, "Cannot upload a part: interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new ServiceFailureException(e.getCause(), "Cannot upload a part: %s", e.getCause());
    }
  }

  private void abortQuietly(String objectKey, String uploadId, RuntimeException cause) {
    try {
      s3.abortMultipartUpload(request -> request.bucket(bucket).key(objectKey).uploadId(uploadId));
    } catch (SdkException e) {
      // Keep the original failure; a bucket lifecycle rule can clean up abandoned parts.
      cause.addSuppressed(e);
    }
  }

  /** Reads until {@code buffer} is full or the stream ends; returns the number of bytes read. */
  private static int fill(InputStream in, byte[] buffer, ContentHasher hasher) {
    int filled = 0;
    while (filled < buffer.length) {
      int n = hasher.read(in, buffer, filled, buffer.length - filled);
      if (n < 0) {
        break;
      }
      filled += n;
    }
    return filled;
  }

  private static RequestBody body(byte[] buffer, int length) {
    return RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, length), length);
  }
}
