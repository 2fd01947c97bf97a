package org.acai.server.storage;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.acai.api.storage.UploadTarget;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.SupportsPresignedUrls;

/**
 * Hands out data-plane URLs: S3 presigned URLs when the blob store has them, else the server's own
 * signed routes. Those name the project and what in it they open, an upload session's file ({@code
 * /blob/upload/PROJECT/SESSION/INDEX}) or a file version ({@code /blob/download/PROJECT/VERSION}),
 * never a bare blob: the routes check in the database that the session or version is the project's,
 * so a URL for one project cannot open another project's bytes, even forged with the key. Always
 * plain http for the server's routes, because the original client verifies certificates on PUT.
 */
public final class DataUrls {
  static final String UPLOAD_PREFIX = "/blob/upload/";
  static final String DOWNLOAD_PREFIX = "/blob/download/";

  /** S3's limit of parts per multipart upload. */
  static final int MAX_PARTS = 10_000;

  private final BlobStore blobs;
  private final UrlSigner signer;
  private final Duration ttl;

  /** Creates the URL factory; URLs stay valid for {@code ttl}. */
  public DataUrls(BlobStore blobs, UrlSigner signer, Duration ttl) {
    this.blobs = blobs;
    this.signer = signer;
    this.ttl = ttl;
  }

  /**
   * Where file {@code index} of a session goes: one URL, or on a store with presigned URLs one URL
   * per part when {@code partedSize} (the declared size of a file that may go in parts, else null)
   * is more than {@code partSize}.
   */
  UploadTarget target(
      String baseUrl,
      long project,
      UUID session,
      int index,
      StoragePath path,
      Long partedSize,
      long partSize) {
    String stagingKey = SessionStore.stagingKey(session, index);
    if (blobs instanceof SupportsPresignedUrls presigned
        && partedSize != null
        && partedSize > partSize) {
      long size = partSizeFor(partedSize, partSize);
      List<String> parts =
          presigned.presignedParts(stagingKey, partedSize, size, ttl).stream()
              .map(URI::toString)
              .toList();
      return new UploadTarget(path.value(), null, parts, size, null);
    }
    String url = upload(baseUrl, project, session, index, stagingKey);
    boolean ours = !(blobs instanceof SupportsPresignedUrls);
    return new UploadTarget(path.value(), url, null, null, ours ? UploadTarget.CRC32C : null);
  }

  /**
   * The part size for a file: {@code partSize}, or for a file that would need more than {@value
   * #MAX_PARTS} parts (S3's limit) the next whole MiB that fits it in that many.
   */
  static long partSizeFor(long fileSize, long partSize) {
    long needed = (fileSize + MAX_PARTS - 1) / MAX_PARTS;
    long mib = 1L << 20;
    return Math.max(partSize, (needed + mib - 1) / mib * mib);
  }

  String upload(String baseUrl, long project, UUID session, int index, String stagingKey) {
    if (blobs instanceof SupportsPresignedUrls presigned) {
      return presigned.presignedUpload(stagingKey, ttl).toString();
    }
    return signed(baseUrl, "PUT", UPLOAD_PREFIX + project + "/" + session + "/" + index, "");
  }

  /** A presigned GET of a version of {@code project}'s file. */
  public String download(String baseUrl, long project, FileVersion version) {
    if (blobs instanceof SupportsPresignedUrls presigned) {
      return presigned.presignedDownload(version.blob(), ttl, version.path().name()).toString();
    }
    return signed(
        baseUrl,
        "GET",
        DOWNLOAD_PREFIX + project + "/" + version.id(),
        "&name=" + URLEncoder.encode(version.path().name(), StandardCharsets.UTF_8));
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
