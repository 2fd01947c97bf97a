package org.acai.server.blob;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** A {@link BlobStore} whose clients move bytes directly through presigned URLs (S3). */
public interface SupportsPresignedUrls {

  /**
   * A URL that accepts one plain HTTP PUT of the raw bytes, with any Content-Type, into the staged
   * object {@code stagingKey}; afterwards {@link BlobStore#inspect} sees it.
   *
   * @throws org.acai.api.error.InvalidRequestException if the key is invalid
   */
  URI presignedUpload(String stagingKey, Duration ttl);

  /**
   * Starts a multipart upload into the staged object {@code stagingKey}: one URL per part, each
   * accepting one plain HTTP PUT of its bytes (parts of {@code partSize} bytes, the last one
   * shorter), in any order and in parallel. Once every part has arrived with its exact size, {@link
   * BlobStore#inspect} completes the upload and sees the object; {@link BlobStore#discard} aborts
   * it.
   *
   * @param size the declared size of the whole object, more than {@code partSize}
   * @throws org.acai.api.error.InvalidRequestException if the key is invalid
   */
  List<URI> presignedParts(String stagingKey, long size, long partSize, Duration ttl);

  /**
   * A URL that answers an HTTP GET with the blob's bytes and its Content-Length.
   *
   * @param downloadFileName file name offered to browsers, or null
   */
  URI presignedDownload(BlobRef blob, Duration ttl, String downloadFileName);
}
