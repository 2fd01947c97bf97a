package org.acai.server.blob.s3;

import java.util.ArrayList;
import java.util.List;
import org.acai.api.error.ConflictException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Server-side copy of a staged object to its content address, on condition that the source still
 * has the ETag whose bytes were hashed. Objects over the single-copy limit are copied in parts.
 */
final class S3Copier {
  /** The largest object S3 copies in one request. */
  static final long MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024;

  /** Part size for multipart copies, raised if needed to stay within S3's 10,000 parts. */
  static final long COPY_PART_SIZE = 512L * 1024 * 1024;

  private static final int MAX_PARTS = 10_000;

  private final S3Client s3;
  private final String bucket;
  private final long singleCopyLimit;
  private final long copyPartSize;

  S3Copier(S3Client s3, String bucket, long singleCopyLimit, long copyPartSize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.singleCopyLimit = singleCopyLimit;
    this.copyPartSize = copyPartSize;
  }

  /**
   * Copies {@code source} (which must still have {@code eTag}) to {@code target}.
   *
   * @throws ConflictException if the source changed since it was hashed
   */
  void copy(String source, String eTag, String target, long size, String stagingKey) {
    try {
      if (size <= singleCopyLimit) {
        s3.copyObject(
            request ->
                request
                    .sourceBucket(bucket)
                    .sourceKey(source)
                    .copySourceIfMatch(eTag)
                    .destinationBucket(bucket)
                    .destinationKey(target));
      } else {
        copyInParts(source, eTag, target, size);
      }
    } catch (SdkException e) {
      if (S3Errors.isPreconditionFailed(e)) {
        throw new ConflictException(
            e, "Cannot commit %s: it was uploaded again during the commit", stagingKey);
      }
      throw e;
    }
  }

  private void copyInParts(String source, String eTag, String target, long size) {
    long partSize = Math.max(copyPartSize, (size + MAX_PARTS - 1) / MAX_PARTS);
    String uploadId =
        s3.createMultipartUpload(request -> request.bucket(bucket).key(target)).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      for (long offset = 0; offset < size; offset += partSize) {
        int partNumber = parts.size() + 1;
        String range = "bytes=" + offset + "-" + (Math.min(offset + partSize, size) - 1);
        String partETag =
            s3.uploadPartCopy(
                    request ->
                        request
                            .sourceBucket(bucket)
                            .sourceKey(source)
                            .copySourceIfMatch(eTag)
                            .copySourceRange(range)
                            .destinationBucket(bucket)
                            .destinationKey(target)
                            .uploadId(uploadId)
                            .partNumber(partNumber))
                .copyPartResult()
                .eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(partETag).build());
      }
      s3.completeMultipartUpload(
          request ->
              request
                  .bucket(bucket)
                  .key(target)
                  .uploadId(uploadId)
                  .multipartUpload(upload -> upload.parts(parts)));
    } catch (RuntimeException e) {
      try {
        s3.abortMultipartUpload(request -> request.bucket(bucket).key(target).uploadId(uploadId));
      } catch (SdkException abortFailure) {
        e.addSuppressed(abortFailure);
      }
      throw e;
    }
  }
}
