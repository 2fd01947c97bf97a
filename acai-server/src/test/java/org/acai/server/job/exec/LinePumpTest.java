package org.acai.server.job.exec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LinePumpTest {
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final LineSink lines = (channel, text) -> stdout.add(text);

  private List<String> pump(byte[] bytes) {
    new LinePump(new ByteArrayInputStream(bytes), LineSink.Channel.STDOUT, lines, new Object())
        .run();
    return stdout;
  }

  @Test
  void splitsOnNewlinesAndDropsCarriageReturns() {
    assertThat(pump("a\r\nb\n\nc".getBytes(UTF_8))).containsExactly("a", "b", "", "c");
  }

  @Test
  void lastLineWithoutNewlineIsDelivered() {
    assertThat(pump("only".getBytes(UTF_8))).containsExactly("only");
  }

  @Test
  void emptyStreamGivesNoLines() {
    assertThat(pump(new byte[0])).isEmpty();
  }

  @Test
  void malformedBytesAndNulBecomeReplacementCharacters() {
    byte[] bytes = {'a', 0, (byte) 0xff, 'b', '\n'};
    assertThat(pump(bytes)).containsExactly("a\uFFFD\uFFFDb");
  }

  @Test
  void longLinesAreSplitIntoPiecesOfAtMost64KiB() {
    String text = "x".repeat(LineSink.MAX_LINE_BYTES * 2 + 10);
    assertThat(pump((text + "\ny").getBytes(UTF_8)))
        .containsExactly(
            "x".repeat(LineSink.MAX_LINE_BYTES),
            "x".repeat(LineSink.MAX_LINE_BYTES),
            "xxxxxxxxxx",
            "y");
  }

  @Test
  void splitsNeverCutACharacterInTwo() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // One byte short of a boundary, then 4-byte characters: one of them straddles the boundary.
    out.writeBytes("a".repeat(LineSink.MAX_LINE_BYTES - 1).getBytes(UTF_8));
    out.writeBytes("😀😀".getBytes(UTF_8));
    List<String> result = pump(out.toByteArray());

    assertThat(result).hasSize(2);
    assertThat(result.get(0)).isEqualTo("a".repeat(LineSink.MAX_LINE_BYTES - 1));
    assertThat(result.get(1)).isEqualTo("😀😀");
  }

  @Test
  void completeCharacterAtTheBoundaryStaysInTheFirstPiece() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("a".repeat(LineSink.MAX_LINE_BYTES - 2).getBytes(UTF_8));
    out.writeBytes("é!".getBytes(UTF_8));
    assertThat(pump(out.toByteArray()))
        .containsExactly("a".repeat(LineSink.MAX_LINE_BYTES - 2) + "é", "!");
  }

  @Test
  void aFailingSinkLosesOnlyItsLine() {
    List<String> seen = new java.util.ArrayList<>();
    LineSink failing =
        (channel, text) -> {
          if (text.equals("bad")) {
            throw new IllegalStateException("boom");
          }
          seen.add(text);
        };
    byte[] bytes = "one\nbad\ntwo\n".getBytes(UTF_8);
    new LinePump(new ByteArrayInputStream(bytes), LineSink.Channel.STDERR, failing, new Object())
        .run();
    assertThat(seen).containsExactly("one", "two");
  }
}
