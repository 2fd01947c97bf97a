package org.acai.server.blob.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import org.acai.testkit.blob.GeneratedBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The big-file pipeline on its own: what it writes and hashes, with direct I/O (whole aligned
 * blocks, the last one padded and cut off again) and through the page cache.
 */
class PipelinedWriterTest {
  /** File systems known to take O_DIRECT; elsewhere the direct case is skipped, not failed. */
  private static final Set<String> DIRECT_FILE_SYSTEMS = Set.of("ext4", "xfs", "btrfs", "tmpfs");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} bytes, direct {1}")
  @CsvSource({
    "1, true",
    "4095, true",
    "8388608, true",
    "8388609, true",
    "50331647, true",
    "25165824, true",
    "8388609, false",
    "50331647, false"
  })
  void writesExactlyTheBytesAndHashesThem(long size, boolean direct) throws Exception {
    if (direct) {
      assumeDirectIo();
    }
    Path file = dir.resolve("blob");
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");

    try (PipelinedWriter writer = PipelinedWriter.create(file, sha256::update, direct).get()) {
      assertThat(writer.direct()).isEqualTo(direct);
      copyInOddPieces(new GeneratedBytes(size, size), writer);
      writer.finish(true);
    }

    String expected = GeneratedBytes.sha256(size, size);
    assertThat(HexFormat.of().formatHex(sha256.digest())).isEqualTo(expected);
    assertThat(Files.size(file)).isEqualTo(size);
    try (InputStream in = Files.newInputStream(file)) {
      assertThat(GeneratedBytes.sha256(in)).isEqualTo(expected);
    }
  }

  @Test
  void aFileSystemThatTakesDirectIoGetsIt() throws IOException {
    assumeDirectIo();
    try (PipelinedWriter writer = PipelinedWriter.create(dir.resolve("blob"), bytes -> {}).get()) {
      assertThat(writer.direct()).isTrue();
      writer.finish(false);
    }
  }

  private void assumeDirectIo() throws IOException {
    String type = Files.getFileStore(dir).type();
    boolean known = DIRECT_FILE_SYSTEMS.contains(type);
    if (!known) {
      System.out.println("SKIP: direct I/O case, the temp directory is on " + type);
    }
    assumeTrue(known, "direct I/O is not known to work on " + type);
  }

  /** Writes the stream in pieces of changing odd sizes, so slots fill across piece boundaries. */
  private static void copyInOddPieces(InputStream in, PipelinedWriter writer) throws IOException {
    byte[] buffer = new byte[1 << 20];
    int piece = 4093;
    int read;
    while ((read = in.read(buffer, 0, piece)) > 0) {
      writer.write(buffer, 0, read);
      piece = piece * 3 % buffer.length + 1;
    }
  }

  @ParameterizedTest(name = "direct {0}")
  @CsvSource({"true", "false"})
  void aFileWithNoBytesIsEmpty(boolean direct) throws IOException {
    if (direct) {
      assumeDirectIo();
    }
    Path file = dir.resolve("blob");
    try (PipelinedWriter writer =
        PipelinedWriter.create(file, ByteBuffer::position, direct).get()) {
      writer.finish(true);
    }
    assertThat(Files.size(file)).isZero();
  }
}
