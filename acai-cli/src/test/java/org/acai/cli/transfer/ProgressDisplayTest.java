package org.acai.cli.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, UTF_8);
  private final AtomicLong now = new AtomicLong();

  @Test
  void quickTransfersDrawNothing() {
    try (ProgressDisplay display = new ProgressDisplay(err, "put", now::get)) {
      now.set(900_000_000L);
      display.progress(10, 10, 1, 1);
      assertThat(display.isShown()).isFalse();
    }

    assertThat(bytes.toString(UTF_8)).isEmpty();
  }

  @Test
  void transfersOutlastingASecondDrawABarOnTheGivenStream() {
    try (ProgressDisplay display = new ProgressDisplay(err, "put", now::get)) {
      now.set(1_100_000_000L);
      display.progress(5 << 20, 10 << 20, 1, 2);
      display.progress(10 << 20, 10 << 20, 2, 2);
      assertThat(display.isShown()).isTrue();
    }

    assertThat(bytes.toString(UTF_8)).contains("put").contains("2/2 files");
  }
}
