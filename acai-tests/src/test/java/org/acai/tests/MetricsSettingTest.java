package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ACAI_METRICS=open} serves the metrics to anyone; {@code off} removes the route. */
class MetricsSettingTest {
  @RegisterExtension
  static final AcaiServerExtension OPEN = new AcaiServerExtension().withEnv("ACAI_METRICS", "open");

  @RegisterExtension
  static final AcaiServerExtension OFF = new AcaiServerExtension().withEnv("ACAI_METRICS", "off");

  @Test
  void openMetricsNeedNoToken() {
    Http.Answer answer = Http.get(OPEN.endpoint(), "/metrics");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text()).contains("jvm_memory_used_bytes");
  }

  @Test
  void metricsOffIsNoRouteEvenForTheAdmin() {
    assertThat(Http.get(OFF.endpoint(), "/metrics").status()).isEqualTo(404);
    assertThat(Http.get(OFF.endpoint(), "/healthz").status()).isEqualTo(200);
  }
}
