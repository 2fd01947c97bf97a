package org.acai.server.blob.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.blob.BlobConfig;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.BlobStores;
import org.acai.server.blob.StagedObject;
import org.acai.server.blob.SupportsLocalFiles;
import org.acai.testkit.blob.GeneratedBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Big uploads to the local store, which go through {@link PipelinedWriter}. */
class PipelinedWriterTest {
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
  void bigUploadsBypassThePageCache() throws Exception {
    Path fincore = Path.of("/usr/bin/fincore");
    if (!Files.isExecutable(fincore)) {
      System.out.println("SKIP: bigUploadsBypassThePageCache needs /usr/bin/fincore (util-linux)");
      return;
    }
    if (!takesDirectIo(root)) {
      System.out.println("SKIP: bigUploadsBypassThePageCache: " + root + " refuses direct I/O");
      return;
    }
    long size = 6L * PipelinedWriter.SLOT_BYTES + 100;
    store.stage("uploads/big/0", new GeneratedBytes(size, 3), size, null);
    Path staged = stagedFile("uploads~big~0");
    assertThat(Files.size(staged)).isEqualTo(size);

    Process process =
        new ProcessBuilder(
                fincore.toString(), "--bytes", "--noheadings", "--output", "RES", staged.toString())
            .redirectErrorStream(true)
            .start();
    String resident = new String(process.getInputStream().readAllBytes(), UTF_8).trim();
    assertThat(process.waitFor()).as(resident).isZero();

    // Written through the page cache, all 48 MiB would be resident now.
    assertThat(Long.parseLong(resident)).isLessThanOrEqualTo(64 * 1024);
  }

  @Test
  void moreBigUploadsAtOnceThanPipelinesAllRoundTrip() throws Exception {
    int uploads = PipelinedWriter.MAX_FILES + 2;
    long size = 2L * PipelinedWriter.SLOT_BYTES + 1;
    ExecutorService pool = Executors.newFixedThreadPool(uploads);
    try {
      List<Future<BlobRef>> blobs = new ArrayList<>();
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

  private static boolean takesDirectIo(Path dir) throws IOException {
    Path probe = dir.resolve("direct-io-probe");
    try {
      FileChannel.open(
              probe,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              ExtendedOpenOption.DIRECT)
          .close();
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  private Path stagedFile(String flatKey) throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve("staging/data"))) {
      return files
          .filter(file -> file.getFileName().toString().equals(flatKey))
          .findFirst()
          .orElseThrow(() -> new NoSuchFileException(flatKey));
    }
  }
}
