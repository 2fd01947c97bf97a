package org.acai.server.blob;

import java.net.URI;
import java.time.Duration;

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
   * A URL that answers an HTTP GET with the blob's bytes and its Content-Length.
   *
   * @param downloadFileName file name offered to browsers, or null
   */
  URI presignedDownload(BlobRef blob, Duration ttl, String downloadFileName);
}
