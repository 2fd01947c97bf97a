package org.acai.testkit.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.NotFoundException;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.StagedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link BlobStore} must show. A test class per implementation extends this and
 * supplies the store; each test uses fresh random content, so a store may be shared.
 */
public abstract class BlobStoreContract {
  private static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private final Random random = new Random();

  /** The store under test. */
  protected abstract BlobStore store();

  /**
   * How many distinct blobs the store holds, for stores where a test can observe it; used to check
   * that identical content is stored once.
   */
  protected OptionalLong storedBlobCount() {
    return OptionalLong.empty();
  }

  @Test
  void stagedBytesRoundTripThroughCommitAndOpen() {
    byte[] content = randomBytes(10_000);

    StagedObject staged = store().stage("uploads/s1/0", stream(content), null, null);
    BlobRef blob = store().commit("uploads/s1/0", null);

    assertThat(staged)
        .isEqualTo(
            new StagedObject("uploads/s1/0", content.length, sha256(content), crc32c(content)));
    assertThat(blob).isEqualTo(new BlobRef(sha256(content), content.length));
    assertThat(store().exists(blob)).isTrue();
    assertThat(read(store().open(blob))).isEqualTo(content);
  }

  @Test
  void matchingExpectationsAreAcceptedInAnyHexCase() {
    byte[] content = randomBytes(3_000);
    String upper = sha256(content).toUpperCase(Locale.ROOT);

    StagedObject staged = store().stage("uploads/s1/0", stream(content), 3_000L, upper);
    BlobRef blob = store().commit("uploads/s1/0", upper);

    assertThat(staged.sha256()).isEqualTo(sha256(content));
    assertThat(blob.sha256()).isEqualTo(sha256(content));
  }

  @Test
  void stagingFewerBytesThanExpectedIsRejectedAndLeavesNothingStaged() {
    byte[] content = randomBytes(1_000);

    assertThatThrownBy(() -> store().stage("uploads/s1/0", stream(content), 1_001L, null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("uploads/s1/0");
    assertThat(store().inspect("uploads/s1/0")).isEmpty();
  }

  @Test
  void stagingMoreBytesThanExpectedIsRejectedAndReplacesEarlierStaging() {
    store().stage("uploads/s1/0", stream(randomBytes(10)), null, null);

    assertThatThrownBy(() -> store().stage("uploads/s1/0", stream(randomBytes(1_000)), 999L, null))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(store().inspect("uploads/s1/0")).isEmpty();
  }

  @Test
  void stagingWithWrongSha256IsRejectedAndLeavesNothingStaged() {
    byte[] content = randomBytes(1_000);

    assertThatThrownBy(
            () -> store().stage("uploads/s1/0", stream(content), 1_000L, sha256(randomBytes(5))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("SHA-256");
    assertThat(store().inspect("uploads/s1/0")).isEmpty();
  }

  @Test
  void largeContentWithWrongSha256IsRejectedAndLeavesNothingStaged() {
    long size = 9L * 1024 * 1024;

    assertThatThrownBy(
            () ->
                store()
                    .stage("uploads/big/0", new GeneratedBytes(size, 1), size, sha256(new byte[1])))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(store().inspect("uploads/big/0")).isEmpty();
  }

  @Test
  void malformedExpectedSha256IsRejected() {
    assertThatThrownBy(() -> store().stage("uploads/s1/0", stream(randomBytes(5)), null, "abc"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid SHA-256: abc");
  }

  @Test
  void committingWithWrongSha256IsRejectedAndDiscardsTheStagedObject() {
    byte[] content = randomBytes(2_000);
    store().stage("uploads/s1/0", stream(content), null, null);

    assertThatThrownBy(() -> store().commit("uploads/s1/0", sha256(randomBytes(5))))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(store().inspect("uploads/s1/0")).isEmpty();
    assertThat(store().exists(new BlobRef(sha256(content), content.length))).isFalse();
  }

  @Test
  void identicalContentIsStoredOnce() {
    byte[] content = randomBytes(4_096);
    OptionalLong before = storedBlobCount();

    store().stage("uploads/a/0", stream(content), null, null);
    store().stage("uploads/b/0", stream(content), null, null);
    BlobRef first = store().commit("uploads/a/0", null);
    BlobRef second = store().commit("uploads/b/0", sha256(content));

    assertThat(second).isEqualTo(first);
    assertThat(store().inspect("uploads/a/0")).isEmpty();
    assertThat(store().inspect("uploads/b/0")).isEmpty();
    assertThat(read(store().open(first))).isEqualTo(content);
    if (before.isPresent()) {
      assertThat(storedBlobCount().orElseThrow()).isEqualTo(before.getAsLong() + 1);
    }
  }

  @Test
  void emptyContentIsAValidBlob() {
    StagedObject staged = store().stage("uploads/s1/0", stream(new byte[0]), 0L, EMPTY_SHA256);
    BlobRef blob = store().commit("uploads/s1/0", EMPTY_SHA256);

    assertThat(staged.size()).isZero();
    assertThat(blob).isEqualTo(new BlobRef(EMPTY_SHA256, 0));
    assertThat(read(store().open(blob))).isEmpty();
  }

  @Test
  void largeContentIsStreamedThrough() {
    long size = 50L * 1024 * 1024 + 123;
    long seed = random.nextLong();
    String expected = GeneratedBytes.sha256(size, seed);

    StagedObject staged =
        store().stage("uploads/big/0", new GeneratedBytes(size, seed), size, expected);
    BlobRef blob = store().commit("uploads/big/0", expected);

    assertThat(staged.size()).isEqualTo(size);
    assertThat(blob).isEqualTo(new BlobRef(expected, size));
    assertThat(GeneratedBytes.sha256(store().open(blob))).isEqualTo(expected);
  }

  @Test
  void discardRemovesTheStagedObject() {
    store().stage("uploads/s1/0", stream(randomBytes(100)), null, null);

    store().discard("uploads/s1/0");

    assertThat(store().inspect("uploads/s1/0")).isEmpty();
    assertThatThrownBy(() -> store().commit("uploads/s1/0", null))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void discardingAMissingKeyIsFine() {
    store().discard("uploads/never/0");

    assertThat(store().inspect("uploads/never/0")).isEmpty();
  }

  @Test
  void inspectSeesTheStagedObjectUntilItIsCommitted() {
    byte[] content = randomBytes(777);
    assertThat(store().inspect("uploads/s1/0")).isEmpty();

    store().stage("uploads/s1/0", stream(content), null, null);
    StagedObject seen = store().inspect("uploads/s1/0").orElseThrow();
    store().commit("uploads/s1/0", null);

    assertThat(seen.stagingKey()).isEqualTo("uploads/s1/0");
    assertThat(seen.size()).isEqualTo(777);
    assertThat(seen.sha256()).isIn(null, sha256(content));
    assertThat(store().inspect("uploads/s1/0")).isEmpty();
  }

  @Test
  void restagingAKeyReplacesItsContent() {
    byte[] replacement = randomBytes(50);
    store().stage("uploads/s1/0", stream(randomBytes(500)), null, null);

    store().stage("uploads/s1/0", stream(replacement), null, null);
    BlobRef blob = store().commit("uploads/s1/0", null);

    assertThat(blob).isEqualTo(new BlobRef(sha256(replacement), 50));
    assertThat(read(store().open(blob))).isEqualTo(replacement);
  }

  @Test
  void committingAKeyWithNothingStagedThrowsNotFound() {
    assertThatThrownBy(() -> store().commit("uploads/none/0", null))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("uploads/none/0");
  }

  @Test
  void openingAnUnknownBlobThrowsNoSuchFile() {
    BlobRef unknown = new BlobRef(sha256(randomBytes(16)), 16);

    assertThat(store().exists(unknown)).isFalse();
    assertThatThrownBy(() -> store().open(unknown)).isInstanceOf(NoSuchFileException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "/abs", "a/../b", "a/..", "..", "a//b", "a/", "./a", "a/./b"})
  void stagingKeysThatCouldEscapeAreRejected(String key) {
    assertThatThrownBy(() -> store().stage(key, stream(randomBytes(1)), null, null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid staging key: " + key);
    assertThatThrownBy(() -> store().inspect(key)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> store().commit(key, null)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> store().discard(key)).isInstanceOf(InvalidRequestException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "a\\b", "a~b", "é", "a:b"})
  void stagingKeysWithForeignCharactersAreRejected(String key) {
    assertThatThrownBy(() -> store().stage(key, stream(randomBytes(1)), null, null))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void distinctKeysCanBeStagedConcurrently() throws Exception {
    List<byte[]> contents = IntStream.range(0, 8).mapToObj(i -> randomBytes(100_000)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(contents.size());
    try {
      List<Future<StagedObject>> staged =
          IntStream.range(0, contents.size())
              .mapToObj(
                  i ->
                      pool.submit(
                          () ->
                              store().stage("uploads/c/" + i, stream(contents.get(i)), null, null)))
              .toList();
      for (int i = 0; i < contents.size(); i++) {
        assertThat(staged.get(i).get(60, TimeUnit.SECONDS).sha256())
            .isEqualTo(sha256(contents.get(i)));
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < contents.size(); i++) {
      BlobRef blob = store().commit("uploads/c/" + i, sha256(contents.get(i)));
      assertThat(read(store().open(blob))).isEqualTo(contents.get(i));
    }
  }

  @Test
  void describeNamesTheStore() {
    assertThat(store().describe()).isNotBlank();
  }

  /** Random bytes, so that no two tests share content. */
  protected final byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  /** Lower-case hex SHA-256. */
  protected static String sha256(byte[] bytes) {
    return GeneratedBytes.sha256(bytes);
  }

  /** A stream over {@code bytes}. */
  protected static InputStream stream(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  /** Everything in {@code in}; closes it. */
  protected static byte[] read(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The CRC32C of {@code content} as the receipt of an upload gives it: 8 lower-case hex digits.
   */
  private static String crc32c(byte[] content) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(content);
    return String.format(java.util.Locale.ROOT, "%08x", crc.getValue());
  }
}
