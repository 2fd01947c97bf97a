package org.acai.server.blob.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.NotFoundException;
import org.acai.api.error.ServiceFailureException;
import org.acai.server.blob.BlobKeys;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.S3BlobConfig;
import org.acai.server.blob.StagedObject;
import org.acai.server.blob.SupportsDeletion;
import org.acai.server.blob.SupportsListing;
import org.acai.server.blob.SupportsPresignedUrls;
import org.acai.server.blob.internal.ContentHasher;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A {@link BlobStore} in an S3 bucket: staged objects under {@code <prefix>staging/<key>}, blobs
 * under {@code <prefix>sha256/ab/cd/<hex>}. Commit streams the staged object once to hash it, then
 * copies it server-side to its content address unless that exists already. Thread-safe.
 */
public final class S3BlobStore
    implements BlobStore, SupportsPresignedUrls, SupportsDeletion, SupportsListing {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final S3BlobConfig config;
  private final S3Client s3;
  private final S3Presigner presigner;
  private final S3Uploader uploader;
  private final S3Copier copier;
  private final S3PresignedParts parts;

  /**
   * Connects to the bucket, creating it if it is missing.
   *
   * @throws org.acai.api.error.ServiceUnavailableException if S3 cannot be reached
   * @throws ServiceFailureException if the bucket cannot be checked or created
   */
  public S3BlobStore(S3BlobConfig config) {
    this(config, S3Copier.MAX_SINGLE_COPY, S3Copier.COPY_PART_SIZE);
  }

  /** A store with other multipart-copy sizes, so tests can reach that path with small blobs. */
  S3BlobStore(S3BlobConfig config, long singleCopyLimit, long copyPartSize) {
    this.config = config;
    this.s3 = S3Clients.client(config);
    this.presigner = S3Clients.presigner(config);
    this.uploader = new S3Uploader(s3, config.bucket());
    this.copier = new S3Copier(s3, config.bucket(), singleCopyLimit, copyPartSize);
    this.parts = new S3PresignedParts(s3, presigner, config.bucket());
    try {
      S3Clients.ensureBucket(s3, config);
    } catch (SdkException e) {
      close();
      throw S3Errors.translate(e, "open bucket", config.bucket());
    }
  }

  @Override
  public StagedObject stage(
      String stagingKey, InputStream in, Long expectedSize, String expectedSha256) {
    String objectKey = stagingObjectKey(stagingKey);
    ContentHasher hasher = new ContentHasher(stagingKey, expectedSize, expectedSha256);
    try {
      uploader.upload(objectKey, in, hasher);
    } catch (RuntimeException e) {
      deleteQuietly(objectKey, e);
      throw e instanceof SdkException sdk ? S3Errors.translate(sdk, "stage", stagingKey) : e;
    }
    return new StagedObject(stagingKey, hasher.size(), hasher.sha256(), hasher.crc32c());
  }

  @Override
  public Optional<StagedObject> inspect(String stagingKey) {
    String objectKey = stagingObjectKey(stagingKey);
    Optional<Long> size = size(objectKey, "inspect", stagingKey);
    if (size.isEmpty() && completeParts(objectKey, stagingKey)) {
      size = size(objectKey, "inspect", stagingKey);
    }
    return size.map(bytes -> new StagedObject(stagingKey, bytes, null));
  }

  private boolean completeParts(String objectKey, String stagingKey) {
    try {
      return parts.completeIfDone(objectKey);
    } catch (SdkException e) {
      throw S3Errors.translate(e, "complete the parts of", stagingKey);
    }
  }

  @Override
  public BlobRef commit(String stagingKey, String expectedSha256) {
    String source = stagingObjectKey(stagingKey);
    String expected = BlobKeys.checkExpectedSha256(expectedSha256);
    try {
      Hashed hashed = hash(source, stagingKey);
      if (expected != null && !expected.equals(hashed.sha256())) {
        s3.deleteObject(request -> request.bucket(config.bucket()).key(source));
        ContentHasher.verifySha256(stagingKey, expected, hashed.sha256());
      }
      BlobRef blob = new BlobRef(hashed.sha256(), hashed.size());
      String target = objectKey(blob);
      if (!size(target, "commit", stagingKey).equals(Optional.of(blob.size()))) {
        copier.copy(source, hashed.eTag(), target, blob.size(), stagingKey);
      }
      s3.deleteObject(request -> request.bucket(config.bucket()).key(source));
      return blob;
    } catch (SdkException e) {
      throw S3Errors.translate(e, "commit", stagingKey);
    }
  }

  /** Size, SHA-256 and ETag of a staged object, read in one streaming pass. */
  private record Hashed(long size, String sha256, String eTag) {}

  private Hashed hash(String objectKey, String stagingKey) {
    MessageDigest digest = ContentHasher.newDigest();
    long size = 0;
    byte[] buffer = new byte[BUFFER_SIZE];
    try (ResponseInputStream<GetObjectResponse> in =
        s3.getObject(request -> request.bucket(config.bucket()).key(objectKey))) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
        size += n;
      }
      return new Hashed(size, HexFormat.of().formatHex(digest.digest()), in.response().eTag());
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        throw new NotFoundException("No staged object: %s", stagingKey);
      }
      throw e;
    } catch (IOException e) {
      throw new ServiceFailureException(
          e, "Cannot commit %s: reading it failed: %s", stagingKey, e);
    }
  }

  @Override
  public void discard(String stagingKey) {
    String objectKey = stagingObjectKey(stagingKey);
    try {
      parts.abort(objectKey);
      s3.deleteObject(request -> request.bucket(config.bucket()).key(objectKey));
    } catch (SdkException e) {
      throw S3Errors.translate(e, "discard", stagingKey);
    }
  }

  @Override
  public InputStream open(BlobRef blob) {
    try {
      return s3.getObject(request -> request.bucket(config.bucket()).key(objectKey(blob)));
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        throw new NoSuchFileException("No such blob: %s", blob.sha256());
      }
      throw S3Errors.translate(e, "open blob", blob.sha256());
    }
  }

  @Override
  public boolean exists(BlobRef blob) {
    return size(objectKey(blob), "check blob", blob.sha256()).isPresent();
  }

  @Override
  public void delete(List<BlobRef> blobs) {
    if (blobs.isEmpty()) {
      return;
    }
    List<ObjectIdentifier> keys =
        blobs.stream()
            .map(blob -> ObjectIdentifier.builder().key(objectKey(blob)).build())
            .toList();
    DeleteObjectsResponse response;
    try {
      response =
          s3.deleteObjects(
              request ->
                  request
                      .bucket(config.bucket())
                      .delete(delete -> delete.objects(keys).quiet(true)));
    } catch (SdkException e) {
      throw S3Errors.translate(e, "delete", blobs.size() + " blobs");
    }
    if (response.hasErrors() && !response.errors().isEmpty()) {
      throw new ServiceFailureException(
          "Cannot delete blob %s: %s",
          response.errors().get(0).key(), response.errors().get(0).message());
    }
  }

  /** Pages through the keys under {@code <prefix>sha256/}, 1,000 at a time. */
  @Override
  public void forEachBlob(Consumer<BlobRef> action) {
    String prefix = config.prefix() + "sha256/";
    try {
      for (S3Object object :
          s3.listObjectsV2Paginator(request -> request.bucket(config.bucket()).prefix(prefix))
              .contents()) {
        String key = object.key();
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (BlobKeys.isSha256(name)) {
          action.accept(new BlobRef(name, object.size()));
        }
      }
    } catch (SdkException e) {
      throw S3Errors.translate(e, "list", "blobs");
    }
  }

  @Override
  public URI presignedUpload(String stagingKey, Duration ttl) {
    String objectKey = stagingObjectKey(stagingKey);
    return toUri(
        presigner
            .presignPutObject(
                request ->
                    request
                        .signatureDuration(ttl)
                        .putObjectRequest(put -> put.bucket(config.bucket()).key(objectKey)))
            .url());
  }

  @Override
  public List<URI> presignedParts(String stagingKey, long size, long partSize, Duration ttl) {
    try {
      return parts.start(stagingObjectKey(stagingKey), size, partSize, ttl);
    } catch (SdkException e) {
      throw S3Errors.translate(e, "start a multipart upload of", stagingKey);
    }
  }

  @Override
  public URI presignedDownload(BlobRef blob, Duration ttl, String downloadFileName) {
    return toUri(
        presigner
            .presignGetObject(
                request ->
                    request
                        .signatureDuration(ttl)
                        .getObjectRequest(
                            get -> {
                              get.bucket(config.bucket()).key(objectKey(blob));
                              if (downloadFileName != null) {
                                get.responseContentDisposition(
                                    contentDisposition(downloadFileName));
                              }
                            }))
            .url());
  }

  @Override
  public String describe() {
    return config.location() + (config.endpoint() == null ? "" : " at " + config.endpoint());
  }

  @Override
  public void close() {
    s3.close();
    presigner.close();
  }

  private String stagingObjectKey(String stagingKey) {
    return config.prefix() + "staging/" + BlobKeys.checkStagingKey(stagingKey);
  }

  private String objectKey(BlobRef blob) {
    return config.prefix() + blob.key();
  }

  /** The object's size, or empty if it does not exist. */
  private Optional<Long> size(String objectKey, String action, String what) {
    try {
      return Optional.of(
          s3.headObject(request -> request.bucket(config.bucket()).key(objectKey)).contentLength());
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return Optional.empty();
      }
      throw S3Errors.translate(e, action, what);
    }
  }

  private void deleteQuietly(String objectKey, RuntimeException cause) {
    try {
      s3.deleteObject(request -> request.bucket(config.bucket()).key(objectKey));
    } catch (SdkException e) {
      cause.addSuppressed(e);
    }
  }

  /** An attachment disposition; the name is reduced to safe characters to keep the header valid. */
  private static String contentDisposition(String fileName) {
    String safe = fileName.replaceAll("[^A-Za-z0-9._ -]", "_");
    return "attachment; filename=\"" + safe + "\"";
  }

  private static URI toUri(URL url) {
    try {
      return url.toURI();
    } catch (URISyntaxException e) {
      throw new InvalidRequestException(e, "Invalid presigned URL: %s", e.getMessage());
    }
  }
}
