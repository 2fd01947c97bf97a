package org.acai.server.blob.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.blob.BlobConfig;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.BlobStores;
import org.acai.server.blob.StagedObject;
import org.acai.server.blob.SupportsBatchCommit;
import org.acai.server.blob.SupportsLocalFiles;
import org.acai.testkit.blob.BlobStoreContract;
import org.acai.testkit.blob.GeneratedBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalBlobStoreTest extends BlobStoreContract {
  @TempDir Path root;
  private BlobStore store;

  @BeforeEach
  void openStore() {
    store = BlobStores.fromConfig(BlobConfig.local(root));
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
    try (Stream<Path> files = Files.walk(root.resolve("sha256"))) {
      return OptionalLong.of(files.filter(Files::isRegularFile).count());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void committedBlobIsAReadOnlyFileAtItsContentAddress() throws IOException {
    byte[] content = randomBytes(100);
    store.stage("uploads/s/0", stream(content), null, null);

    BlobRef blob = store.commit("uploads/s/0", null);

    Path file = ((SupportsLocalFiles) store).path(blob);
    String hex = blob.sha256();
    assertThat(file)
        .isEqualTo(
            root.resolve("sha256/" + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex))
        .hasBinaryContent(content);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("r--------");
  }

  @Test
  void aDamagedBlobIsReplacedByTheNextCommitOfItsContent() throws IOException {
    byte[] content = randomBytes(100);
    store.stage("uploads/s/0", stream(content), null, null);
    Path file = ((SupportsLocalFiles) store).path(store.commit("uploads/s/0", null));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Files.write(file, new byte[] {1, 2, 3});

    store.stage("uploads/s/1", stream(content), null, null);
    store.commit("uploads/s/1", null);

    assertThat(file).hasBinaryContent(content);
  }

  @Test
  void stagedObjectSurvivesARestartWithItsHash() {
    byte[] content = randomBytes(1_000);
    store.stage("uploads/s/0", stream(content), null, null);

    try (BlobStore reopened = new LocalBlobStore(root)) {
      assertThat(reopened.inspect("uploads/s/0").orElseThrow().sha256()).isEqualTo(sha256(content));
      assertThat(read(reopened.open(reopened.commit("uploads/s/0", sha256(content)))))
          .isEqualTo(content);
    }
  }

  @Test
  void missingHashRecordIsRecomputedOnCommit() throws IOException {
    byte[] content = randomBytes(1_000);
    store.stage("uploads/s/0", stream(content), null, null);
    removeHashRecord("uploads~s~0");

    assertThat(store.inspect("uploads/s/0").orElseThrow().sha256()).isNull();
    assertThat(store.commit("uploads/s/0", null).sha256()).isEqualTo(sha256(content));
  }

  @Test
  void stagedBytesFromBeforeARebootAreDroppedWhenTheStoreOpens() throws IOException {
    store.stage("uploads/s/0", stream(randomBytes(100)), null, null);
    Files.writeString(root.resolve(BootCheck.FILE_NAME), "another-boot\n");

    try (BlobStore reopened = new LocalBlobStore(root)) {
      assertThat(reopened.inspect("uploads/s/0")).isEmpty();
    }
  }

  @Test
  void stagedBytesSurviveARestartInTheSameBoot() {
    store.stage("uploads/s/0", stream(randomBytes(100)), null, null);

    try (BlobStore reopened = new LocalBlobStore(root)) {
      assertThat(reopened.inspect("uploads/s/0")).isPresent();
    }
  }

  @Test
  void batchCommitReturnsBlobsInKeyOrderAndVerifiesEachDigest() {
    byte[] first = randomBytes(10);
    byte[] second = randomBytes(20);
    store.stage("uploads/b/0", stream(first), null, null);
    store.stage("uploads/b/1", stream(second), null, null);
    store.stage("uploads/b/2", stream(first), null, null);
    SupportsBatchCommit batch = (SupportsBatchCommit) store;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<BlobRef> blobs =
          batch.commitAll(
              List.of("uploads/b/0", "uploads/b/1", "uploads/b/2"),
              Arrays.asList(sha256(first), null, sha256(first)),
              pool);

      assertThat(blobs)
          .extracting(BlobRef::sha256)
          .containsExactly(sha256(first), sha256(second), sha256(first));
      assertThat(read(store.open(blobs.get(1)))).isEqualTo(second);
      assertThat(storedBlobCount()).hasValue(2);

      store.stage("uploads/c/0", stream(first), null, null);
      assertThatThrownBy(
              () -> batch.commitAll(List.of("uploads/c/0"), List.of(sha256(second)), pool))
          .isInstanceOf(InvalidRequestException.class);
      assertThat(store.inspect("uploads/c/0")).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void hashRecordOfReplacedBytesIsIgnored() throws IOException {
    byte[] content = randomBytes(1_000);
    store.stage("uploads/s/0", stream(content), null, null);
    byte[] tampered = randomBytes(1_000);
    Path data = stagedFile("uploads~s~0");
    Files.delete(data);
    Files.write(data, tampered);

    assertThat(store.commit("uploads/s/0", null).sha256()).isEqualTo(sha256(tampered));
  }

  @Test
  void staleTempFilesAreRemovedWhenTheStoreOpens() throws IOException {
    Path stale = Files.writeString(root.resolve("tmp/stage-crashed.part"), "partial");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));
    Path live = Files.writeString(root.resolve("tmp/stage-live.part"), "partial");

    new LocalBlobStore(root).close();

    assertThat(stale).doesNotExist();
    assertThat(live).exists();
  }

  @Test
  void interruptedWritesInShardsAreRemovedWhenTheStoreOpens() throws IOException {
    store.stage("uploads/s/0", stream(randomBytes(10)), null, null);
    Path shard = stagedFile("uploads~s~0").getParent();
    Path stale = Files.writeString(shard.resolve(".part-crashed"), "partial");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));

    new LocalBlobStore(root).close();

    assertThat(stale).doesNotExist();
    assertThat(stagedFile("uploads~s~0")).exists();
  }

  @Test
  void objectsStagedFlatByAnEarlierVersionStillCommit() throws IOException {
    byte[] content = randomBytes(100);
    Files.write(root.resolve("staging/data/uploads~old~0"), content);

    assertThat(store.inspect("uploads/old/0")).map(StagedObject::size).contains(100L);
    assertThat(store.commit("uploads/old/0", sha256(content)).sha256()).isEqualTo(sha256(content));
    assertThat(root.resolve("staging/data/uploads~old~0")).doesNotExist();
  }

  /** The data file of a staged object, in whichever shard holds it. */
  private Path stagedFile(String flatKey) throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve("staging/data"))) {
      return files
          .filter(file -> file.getFileName().toString().equals(flatKey))
          .findFirst()
          .orElseThrow(() -> new NoSuchFileException(flatKey));
    }
  }

  /** Removes the hash record of a staged object, wherever the store keeps it. */
  private void removeHashRecord(String flatKey) throws IOException {
    Files.deleteIfExists(root.resolve("staging/meta/" + flatKey));
    Path data = stagedFile(flatKey);
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(data, UserDefinedFileAttributeView.class);
    if (view != null && view.list().contains("acai.sha256")) {
      view.delete("acai.sha256");
    }
  }

  /** Big uploads go through the pipeline: whole slots, several in flight, a short tail. */
  @ParameterizedTest
  @ValueSource(
      longs = {
        PipelinedWriter.SLOT_BYTES,
        PipelinedWriter.SLOT_BYTES + 1,
        (PipelinedWriter.SLOTS + 2L) * PipelinedWriter.SLOT_BYTES + 4095,
        3L * PipelinedWriter.SLOT_BYTES - 4096
      })
  void bigUploadsRoundTripExactly(long size) throws IOException {
    String expected = GeneratedBytes.sha256(size, size);

    StagedObject staged = store.stage("uploads/big/0", new GeneratedBytes(size, size), size, null);
    BlobRef blob = store.commit("uploads/big/0", expected);

    assertThat(staged.sha256()).isEqualTo(expected);
    assertThat(blob).isEqualTo(new BlobRef(expected, size));
    assertThat(Files.size(((SupportsLocalFiles) store).path(blob))).isEqualTo(size);
    try (InputStream in = store.open(blob)) {
      assertThat(GeneratedBytes.sha256(in)).isEqualTo(expected);
    }
  }

  @Test
  void moreBigUploadsAtOnceThanPipelinesAllRoundTrip() throws Exception {
    int uploads = PipelinedWriter.MAX_FILES + 2;
    long size = 2L * PipelinedWriter.SLOT_BYTES + 1;
    ExecutorService pool = Executors.newFixedThreadPool(uploads);
    try {
      List<java.util.concurrent.Future<BlobRef>> blobs = new java.util.ArrayList<>();
      for (int i = 0; i < uploads; i++) {
        String key = "uploads/big/" + i;
        long seed = 100L + i;
        blobs.add(
            pool.submit(
                () -> {
                  store.stage(key, new GeneratedBytes(size, seed), size, null);
                  return store.commit(key, GeneratedBytes.sha256(size, seed));
                }));
      }
      for (int i = 0; i < uploads; i++) {
        BlobRef blob = blobs.get(i).get();
        try (InputStream in = store.open(blob)) {
          assertThat(GeneratedBytes.sha256(in)).isEqualTo(GeneratedBytes.sha256(size, 100L + i));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBigUploadWhoseBytesHashOtherwiseIsRefusedAndLeavesNothingBehind() throws IOException {
    long size = 3L * PipelinedWriter.SLOT_BYTES + 17;
    String other = GeneratedBytes.sha256(size, 5);

    assertThatThrownBy(() -> store.stage("uploads/big/0", new GeneratedBytes(size, 4), size, other))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("expected SHA-256 " + other)
        .hasMessageContaining(GeneratedBytes.sha256(size, 4));

    assertThat(store.inspect("uploads/big/0")).isEmpty();
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile).filter(file -> file.toFile().length() > 4096))
          .isEmpty();
    }
  }

  @Test
  void aBlobKeepsTheCrc32cOfItsUploadUntilItsFileChanges() throws IOException {
    long size = 2L * PipelinedWriter.SLOT_BYTES + 3;
    StagedObject staged = store.stage("uploads/crc/0", new GeneratedBytes(size, 21), size, null);
    BlobRef blob = store.commit("uploads/crc/0", null);
    SupportsLocalFiles local = (SupportsLocalFiles) store;
    if (local.crc32c(blob).isEmpty() && !xattrs(local.path(blob))) {
      System.out.println("SKIP: aBlobKeepsTheCrc32c... needs user extended attributes here");
      return;
    }
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(java.nio.ByteBuffer.wrap(Files.readAllBytes(local.path(blob))));

    assertThat(staged.crc32c()).isEqualTo(String.format("%08x", crc.getValue()));
    assertThat(local.crc32c(blob)).contains(staged.crc32c());

    // Edited in place: the record no longer describes the file, so no CRC32C is claimed for it.
    Path file = local.path(blob);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Files.write(file, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
    assertThat(local.crc32c(blob)).isEmpty();
  }

  private static boolean xattrs(Path file) throws IOException {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    try {
      return view != null && view.list().contains("acai.sha256");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  @Test
  void aBigUploadThatBreaksOffLeavesNothingBehind() throws IOException {
    long size = 5L * PipelinedWriter.SLOT_BYTES;
    InputStream breaking =
        new FilterInputStream(new GeneratedBytes(size, 9)) {
          private long read;

          @Override
          public int read(byte[] buffer, int off, int len) throws IOException {
            if (read > 3L * PipelinedWriter.SLOT_BYTES) {
              throw new IOException("connection reset");
            }
            int n = super.read(buffer, off, len);
            read += Math.max(0, n);
            return n;
          }
        };

    assertThatThrownBy(() -> store.stage("uploads/big/0", breaking, size, null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("connection reset");

    assertThat(store.inspect("uploads/big/0")).isEmpty();
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile).filter(file -> file.toFile().length() > 4096))
          .isEmpty();
    }
  }

  @Test
  void streamingAllocatesFarLessThanTheContentSize() {
    long size = 64L * 1024 * 1024;
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();

    store.stage("uploads/big/0", new GeneratedBytes(size, 7), size, null);
    BlobRef blob = store.commit("uploads/big/0", null);
    try (InputStream in = store.open(blob)) {
      byte[] buffer = new byte[64 * 1024];
      while (in.read(buffer) >= 0) {
        // Drain the blob to measure the read path too.
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(size / 16);
  }
}
