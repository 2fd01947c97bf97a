package org.acai.server.blob.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.ServiceFailureException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Multipart uploads that clients send straight to S3, in parallel parts, through presigned URLs.
 * What finishing one takes later (the upload id, the size, the part size) is kept in a small marker
 * object beside the object's key, which only the server writes, so any replica can complete or
 * abort the upload, after a restart too. Thread-safe; callers serialize the completion of one
 * object (the upload session's row lock does).
 */
final class S3PresignedParts {
  /** S3's limit of parts per upload. */
  static final int MAX_PARTS = 10_000;

  private static final String MARKER = ".parts";

  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;

  S3PresignedParts(S3Client s3, S3Presigner presigner, String bucket) {
    this.s3 = s3;
    this.presigner = presigner;
    this.bucket = bucket;
  }

  private record Marker(String uploadId, long size, long partSize) {
    int parts() {
      return (int) ((size + partSize - 1) / partSize);
    }

    long sizeOf(int partNumber) {
      return partNumber < parts() ? partSize : size - (parts() - 1L) * partSize;
    }

    String text() {
      return uploadId + "\n" + size + "\n" + partSize + "\n";
    }

    static Marker parse(String text) {
      String[] lines = text.split("\n");
      return new Marker(lines[0], Long.parseLong(lines[1]), Long.parseLong(lines[2]));
    }
  }

  /** Starts the upload of {@code objectKey}; returns the URLs of parts 1, 2, … in order. */
  List<URI> start(String objectKey, long size, long partSize, Duration ttl) {
    if (partSize <= 0 || size <= partSize || (size + partSize - 1) / partSize > MAX_PARTS) {
      throw new InvalidRequestException(
          "Invalid multipart upload: %d bytes in parts of %d (2 to %d parts)",
          size, partSize, MAX_PARTS);
    }
    String uploadId =
        s3.createMultipartUpload(request -> request.bucket(bucket).key(objectKey)).uploadId();
    Marker marker = new Marker(uploadId, size, partSize);
    s3.putObject(
        request -> request.bucket(bucket).key(objectKey + MARKER),
        RequestBody.fromString(marker.text(), StandardCharsets.UTF_8));
    List<URI> urls = new ArrayList<>(marker.parts());
    for (int part = 1; part <= marker.parts(); part++) {
      int number = part;
      urls.add(
          toUri(
              presigner
                  .presignUploadPart(
                      request ->
                          request
                              .signatureDuration(ttl)
                              .uploadPartRequest(
                                  upload ->
                                      upload
                                          .bucket(bucket)
                                          .key(objectKey)
                                          .uploadId(uploadId)
                                          .partNumber(number)))
                  .url()
                  .toString()));
    }
    return urls;
  }

  /**
   * Completes the pending upload of {@code objectKey} if every part has arrived with its exact
   * size.
   *
   * @return whether it was completed now (false if there is none or parts are missing)
   */
  boolean completeIfDone(String objectKey) {
    Optional<Marker> found = marker(objectKey);
    if (found.isEmpty()) {
      return false;
    }
    Marker marker = found.get();
    List<CompletedPart> completed = new ArrayList<>();
    try {
      for (Part part :
          s3.listPartsPaginator(
                  request -> request.bucket(bucket).key(objectKey).uploadId(marker.uploadId()))
              .parts()) {
        int number = completed.size() + 1;
        if (part.partNumber() != number || part.size() != marker.sizeOf(number)) {
          return false;
        }
        completed.add(CompletedPart.builder().partNumber(number).eTag(part.eTag()).build());
      }
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return false;
      }
      throw e;
    }
    if (completed.size() != marker.parts()) {
      return false;
    }
    s3.completeMultipartUpload(
        request ->
            request
                .bucket(bucket)
                .key(objectKey)
                .uploadId(marker.uploadId())
                .multipartUpload(upload -> upload.parts(completed)));
    s3.deleteObject(request -> request.bucket(bucket).key(objectKey + MARKER));
    return true;
  }

  /** Aborts the pending upload of {@code objectKey}, if any, freeing its parts. */
  void abort(String objectKey) {
    Optional<Marker> marker = marker(objectKey);
    if (marker.isEmpty()) {
      return;
    }
    try {
      s3.abortMultipartUpload(
          request -> request.bucket(bucket).key(objectKey).uploadId(marker.get().uploadId()));
    } catch (SdkException e) {
      if (!S3Errors.isNotFound(e)) {
        throw e;
      }
    }
    s3.deleteObject(request -> request.bucket(bucket).key(objectKey + MARKER));
  }

  private Optional<Marker> marker(String objectKey) {
    try {
      return Optional.of(
          Marker.parse(
              s3.getObjectAsBytes(request -> request.bucket(bucket).key(objectKey + MARKER))
                  .asUtf8String()));
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static URI toUri(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new ServiceFailureException(e, "Invalid presigned URL: %s", e.getMessage());
    }
  }
}
