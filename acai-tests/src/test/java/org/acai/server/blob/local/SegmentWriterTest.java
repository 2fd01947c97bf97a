package org.acai.server.blob.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A segment as its writer leaves it (direct writes where the file system takes them): exactly the
 * bytes appended, each blob at the offset it was given, whatever the last block's fill.
 */
class SegmentWriterTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} blobs")
  @ValueSource(ints = {0, 1, 7, 300, 2500})
  void aSegmentHoldsExactlyItsBlobsAtTheirOffsets(int count) throws IOException {
    Random random = new Random(count);
    List<byte[]> blobs = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();
    Path file = dir.resolve("s.seg");

    long size;
    try (SegmentWriter writer = new SegmentWriter("s.seg", file, dir)) {
      for (int i = 0; i < count; i++) {
        byte[] blob = new byte[random.nextInt(9000)];
        random.nextBytes(blob);
        blobs.add(blob);
        offsets.add(
            i % 2 == 0
                ? writer.append(blob, 0, blob.length)
                : writer.append(new ByteArrayInputStream(blob), blob.length));
      }
      size = writer.finish();
    }

    long expected = blobs.stream().mapToLong(blob -> blob.length).sum();
    assertThat(size).isEqualTo(expected);
    assertThat(Files.size(file)).isEqualTo(expected);
    byte[] all = Files.readAllBytes(file);
    for (int i = 0; i < count; i++) {
      int at = Math.toIntExact(offsets.get(i));
      assertThat(Arrays.copyOfRange(all, at, at + blobs.get(i).length)).isEqualTo(blobs.get(i));
    }
  }
}
