package org.acai.server.job.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitOutcomeTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0 B",
    "1023, 1023 B",
    "1024, 1 KiB",
    "67108864, 64 MiB",
    "1610612736, 1.5 GiB",
    "100000000, 95.4 MiB"
  })
  void bytesAreShownInBinaryUnits(long bytes, String text) {
    assertThat(ExitOutcome.humanBytes(bytes)).isEqualTo(text);
  }

  @Test
  void reasonsReadAsPlainEnglish() {
    assertThat(ExitOutcome.exited(3).reason()).isEqualTo("exit code 3");
    assertThat(ExitOutcome.killed(143).reason()).isEqualTo("killed");
    assertThat(ExitOutcome.timedOut(137, Duration.ofSeconds(5)).reason())
        .isEqualTo("timeout after 5s");
    assertThat(ExitOutcome.timedOut(137, Duration.ofMinutes(90)).reason())
        .isEqualTo("timeout after 1h30m");
    assertThat(ExitOutcome.outOfMemory(137, 64L << 20).reason())
        .isEqualTo("out of memory (limit 64 MiB)");
    assertThat(ExitOutcome.signaled(139, "").reason()).isEqualTo("killed by signal 11 (SIGSEGV)");
    assertThat(ExitOutcome.signaled(128 + 40, "").reason())
        .isEqualTo("killed by signal 40 (signal 40)");
  }

  @Test
  void onlyAnExitWithCodeZeroIsSuccess() {
    assertThat(ExitOutcome.exited(0).isSuccess()).isTrue();
    assertThat(ExitOutcome.exited(1).isSuccess()).isFalse();
    assertThat(ExitOutcome.killed(0).isSuccess()).isFalse();
  }
}
