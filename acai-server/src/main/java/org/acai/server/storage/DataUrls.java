package org.acai.server.storage;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.SupportsPresignedUrls;

/**
 * Hands out data-plane URLs: S3 presigned URLs when the blob store has them, else the server's own
 * signed {@code /blob/...} routes. Always plain http for the server's routes, because the original
 * client verifies certificates on PUT.
 */
public final class DataUrls {
  static final String UPLOAD_PREFIX = "/blob/upload/";
  static final String DOWNLOAD_PREFIX = "/blob/download/";

  private final BlobStore blobs;
  private final UrlSigner signer;
  private final Duration ttl;

  /** Creates the URL factory; URLs stay valid for {@code ttl}. */
  public DataUrls(BlobStore blobs, UrlSigner signer, Duration ttl) {
    this.blobs = blobs;
    this.signer = signer;
    this.ttl = ttl;
  }

  String upload(String baseUrl, String sessionId, int index, String stagingKey) {
    if (blobs instanceof SupportsPresignedUrls presigned) {
      return presigned.presignedUpload(stagingKey, ttl).toString();
    }
    return signed(baseUrl, "PUT", UPLOAD_PREFIX + sessionId + "/" + index, "");
  }

  /** A presigned GET of a file version. */
  public String download(String baseUrl, FileVersion version) {
    return download(baseUrl, version.blob(), version.path().name());
  }

  String download(String baseUrl, BlobRef blob, String fileName) {
    if (blobs instanceof SupportsPresignedUrls presigned) {
      return presigned.presignedDownload(blob, ttl, fileName).toString();
    }
    return signed(
        baseUrl,
        "GET",
        DOWNLOAD_PREFIX + blob.sha256() + "/" + blob.size(),
        "&name=" + URLEncoder.encode(fileName, StandardCharsets.UTF_8));
  }

  private String signed(String baseUrl, String method, String path, String extra) {
    long expires = Instant.now().plus(ttl).getEpochSecond();
    return URI.create(baseUrl)
        + path
        + "?expires="
        + expires
        + "&sig="
        + signer.sign(method, path, expires)
        + extra;
  }
}
