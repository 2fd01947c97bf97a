package org.acai.server.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.acai.api.error.ConflictException;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.blob.BlobConfig;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.BlobStores;
import org.acai.server.blob.S3BlobConfig;
import org.acai.server.blob.StagedObject;
import org.acai.server.blob.SupportsPresignedUrls;
import org.acai.testkit.blob.BlobStoreContract;
import org.acai.testkit.blob.GeneratedBytes;
import org.acai.testkit.s3.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3BlobStoreIT extends BlobStoreContract {
  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  private final HttpClient http = HttpClient.newHttpClient();
  private S3BlobConfig config;
  private BlobStore store;

  @BeforeEach
  void openStore() {
    config = S3.s3Config();
    store = BlobStores.fromConfig(BlobConfig.s3(config));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Override
  protected BlobStore store() {
    return store;
  }

  @Override
  protected OptionalLong storedBlobCount() {
    return OptionalLong.of(keysUnder(config.prefix() + "sha256/").size());
  }

  @Test
  void presignedPutLandsAsAStagedObjectThatCommits() throws Exception {
    byte[] content = randomBytes(300_000);
    URI url = ((SupportsPresignedUrls) store).presignedUpload("uploads/p/0", Duration.ofMinutes(5));

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(url)
                .header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    StagedObject staged = store.inspect("uploads/p/0").orElseThrow();
    assertThat(staged.size()).isEqualTo(content.length);
    BlobRef blob = store.commit("uploads/p/0", sha256(content));
    assertThat(read(store.open(blob))).isEqualTo(content);
  }

  @Test
  void presignedGetDownloadsTheBytesWithTheirLength() throws Exception {
    byte[] content = randomBytes(12_345);
    store.stage("uploads/g/0", stream(content), null, null);
    BlobRef blob = store.commit("uploads/g/0", null);

    URI url =
        ((SupportsPresignedUrls) store)
            .presignedDownload(blob, Duration.ofMinutes(5), "train data.csv");
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(content.length);
    assertThat(response.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"train data.csv\"");
    assertThat(response.body()).isEqualTo(content);
  }

  @Test
  void presignedGetOfAnExpiredUrlIsRefused() throws Exception {
    store.stage("uploads/g/0", stream(randomBytes(10)), null, null);
    BlobRef blob = store.commit("uploads/g/0", null);
    URI url = ((SupportsPresignedUrls) store).presignedDownload(blob, Duration.ofSeconds(1), null);
    Thread.sleep(2_100);

    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void objectsLandUnderThePrefixInTheDocumentedLayout() {
    byte[] content = randomBytes(10);
    store.stage("uploads/l/0", stream(content), null, null);
    assertThat(keysUnder(config.prefix())).containsExactly(config.prefix() + "staging/uploads/l/0");

    BlobRef blob = store.commit("uploads/l/0", null);

    assertThat(keysUnder(config.prefix())).containsExactly(config.prefix() + blob.key());
    assertThat(store.describe()).isEqualTo(config.location() + " at " + S3.endpoint());
  }

  @Test
  void blobsOverTheSingleCopyLimitAreCopiedInParts() {
    long mib = 1024 * 1024;
    byte[] content = randomBytes((int) (12 * mib + 7));
    try (S3BlobStore small = new S3BlobStore(config, 6 * mib, 5 * mib)) {
      small.stage("uploads/m/0", stream(content), null, null);

      BlobRef blob = small.commit("uploads/m/0", sha256(content));

      assertThat(read(small.open(blob))).isEqualTo(content);
      assertThat(small.inspect("uploads/m/0")).isEmpty();
    }
  }

  @Test
  void aMismatchFoundAfterManyParallelPartsLeavesNoUploadBehind() {
    long size = 45L * 1024 * 1024;

    assertThatThrownBy(
            () -> store.stage("uploads/q/0", new GeneratedBytes(size, 5), size, "0".repeat(64)))
        .isInstanceOf(InvalidRequestException.class);

    assertNoUploadLeft();
  }

  @Test
  void rejectedMultipartStagingLeavesNoUploadBehind() {
    long size = 20L * 1024 * 1024;

    assertThatThrownBy(
            () -> store.stage("uploads/m/0", new GeneratedBytes(size, 3), size + 1, null))
        .isInstanceOf(InvalidRequestException.class);

    assertNoUploadLeft();
  }

  @ParameterizedTest
  @ValueSource(longs = {100, 1})
  void copyingASourceThatChangedSinceHashingIsAConflict(long singleCopyLimit) {
    String source = config.prefix() + "staging/uploads/x/0";
    try (S3Client client = S3.newClient()) {
      client.putObject(
          request -> request.bucket(config.bucket()).key(source), RequestBody.fromString("v2"));
      S3Copier copier = new S3Copier(client, config.bucket(), singleCopyLimit, 5L * 1024 * 1024);

      assertThatThrownBy(
              () -> copier.copy(source, "\"0123456789abcdef\"", source + "-copy", 2, "uploads/x/0"))
          .isInstanceOf(ConflictException.class)
          .hasMessage("Cannot commit uploads/x/0: it was uploaded again during the commit");
    }
  }

  @Test
  void aMissingBucketIsCreated() {
    S3BlobConfig other =
        new S3BlobConfig(
            S3.endpoint(),
            "acai-created-bucket",
            null,
            "",
            S3ProxyExtension.ACCESS_KEY_ID,
            S3ProxyExtension.SECRET_ACCESS_KEY,
            null);

    try (BlobStore created = BlobStores.fromConfig(BlobConfig.s3(other));
        S3Client client = S3.newClient()) {
      assertThat(
              client
                  .headBucket(request -> request.bucket("acai-created-bucket"))
                  .sdkHttpResponse()
                  .isSuccessful())
          .isTrue();
      assertThat(created.inspect("uploads/x/0")).isEmpty();
    }
  }

  private List<String> keysUnder(String prefix) {
    try (S3Client client = S3.newClient()) {
      return client
          .listObjectsV2Paginator(request -> request.bucket(config.bucket()).prefix(prefix))
          .contents()
          .stream()
          .map(S3Object::key)
          .toList();
    }
  }

  /** No multipart upload is left open and no object is left under the store's prefix. */
  private void assertNoUploadLeft() {
    try (S3Client client = S3.newClient()) {
      assertThat(
              client
                  .listMultipartUploads(
                      request -> request.bucket(config.bucket()).prefix(config.prefix()))
                  .uploads())
          .isEmpty();
    }
    assertThat(keysUnder(config.prefix())).isEmpty();
  }
}
