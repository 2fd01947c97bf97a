package org.acai.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

class LifecycleConfigTest {
  @Test
  void defaultsAreAWeekOfRetentionAQuarterHourOfGraceHourlyGcAndFullBatches() {
    assertThat(LifecycleConfig.fromEnv(Map.of()))
        .isEqualTo(
            new LifecycleConfig(
                Duration.ofDays(7), Duration.ofMinutes(15), Duration.ofHours(1), 1000));
  }

  @Test
  void settingsAreReadInShortOrIsoForm() {
    LifecycleConfig config =
        LifecycleConfig.fromEnv(
            Map.of(
                "ACAI_RETENTION", "0",
                "ACAI_GC_GRACE", "250ms",
                "ACAI_GC_INTERVAL", "PT2H",
                "ACAI_GC_BATCH", " 25 "));

    assertThat(config)
        .isEqualTo(
            new LifecycleConfig(Duration.ZERO, Duration.ofMillis(250), Duration.ofHours(2), 25));
  }

  @Test
  void aBatchOutsideOneToAThousandOrNotANumberIsRefusedByName() {
    for (String bad : new String[] {"0", "-3", "1001", "ten", "1e3"}) {
      assertThatThrownBy(() -> LifecycleConfig.fromEnv(Map.of("ACAI_GC_BATCH", bad)))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageStartingWith("Invalid ACAI_GC_BATCH: " + bad);
    }
  }

  @Test
  void aMalformedDurationIsRefusedByName() {
    assertThatThrownBy(() -> LifecycleConfig.fromEnv(Map.of("ACAI_RETENTION", "a week")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid ACAI_RETENTION: a week (e.g. 7d, 12h, 30m, 0)");
  }
}
