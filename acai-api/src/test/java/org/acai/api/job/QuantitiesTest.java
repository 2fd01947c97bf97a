package org.acai.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.acai.api.error.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

  @ParameterizedTest
  @CsvSource({
    "0.5, 500",
    "500m, 500",
    "2, 2000",
    "0, 0",
    "1.25, 1250",
    ".5, 500",
    "1., 1000",
    "100u, 1",
    "2k, 2000000",
    "1e-3, 1",
    "0.0001, 1",
    "250000000n, 250"
  })
  void cpuQuantitiesBecomeMillicoresRoundedUp(String quantity, long millis) {
    assertThat(Quantities.cpuMillis(quantity)).isEqualTo(millis);
  }

  @ParameterizedTest
  @CsvSource({
    "512Mi, 536870912",
    "1Gi, 1073741824",
    "100M, 100000000",
    "1G, 1000000000",
    "1e9, 1000000000",
    "1E9, 1000000000",
    "134217728, 134217728",
    "0, 0",
    "64Ki, 65536",
    "1.5Gi, 1610612736",
    "1E, 1000000000000000000",
    "7Ei, 8070450532247928832",
    "1500m, 2",
    "1e+3, 1000"
  })
  void memoryQuantitiesBecomeBytes(String quantity, long bytes) {
    assertThat(Quantities.memoryBytes(quantity)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "1, 1", "8, 8", "2.0, 2", "1k, 1000"})
  void wholeGpuCountsAreAccepted(String quantity, long gpus) {
    assertThat(Quantities.gpus(quantity)).isEqualTo(gpus);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "12XB",
        "abc",
        "-1",
        "1 Gi",
        " 1",
        "1Gi ",
        "Gi",
        "1.2.3",
        "1e",
        "1e1000",
        "0x10",
        "1mi",
        "1KiB",
        "NaN",
        "Infinity",
        "+1",
        "8Ei",
        "99999999999999999999",
        "1e19"
      })
  void malformedMemoryIsRefusedNamingTheField(String quantity) {
    assertThatThrownBy(() -> Quantities.memoryBytes(quantity))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("Invalid memory: " + quantity);
  }

  @Test
  void messageShowsTheOffendingValueAfterAColon() {
    assertThatThrownBy(() -> Quantities.memoryBytes("12XB")).hasMessage("Invalid memory: 12XB");
    assertThatThrownBy(() -> Quantities.cpuMillis("abc")).hasMessage("Invalid v_cpu: abc");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "0.5", "100m", "1e-1", "-1", "", "one"})
  void fractionalOrMalformedGpuCountsAreRefused(String quantity) {
    assertThatThrownBy(() -> Quantities.gpus(quantity))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("Invalid gpu: " + quantity);
  }

  @Test
  void cpuOverflowIsRefused() {
    assertThatThrownBy(() -> Quantities.cpuMillis("9223372036854775807"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid v_cpu: 9223372036854775807 (too large)");
  }

  @Test
  void nullIsRefused() {
    assertThatThrownBy(() -> Quantities.memoryBytes((String) null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid memory: null");
    assertThatThrownBy(() -> Quantities.gpus((Number) null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid gpu: null");
  }

  @Test
  void jsonNumbersAreAccepted() {
    assertThat(Quantities.memoryBytes(1e9)).isEqualTo(1_000_000_000L);
    assertThat(Quantities.memoryBytes(134217728)).isEqualTo(134_217_728L);
    assertThat(Quantities.memoryBytes(1L << 40)).isEqualTo(1L << 40);
    assertThat(Quantities.memoryBytes(new BigInteger("1073741824"))).isEqualTo(1L << 30);
    assertThat(Quantities.cpuMillis(0.5)).isEqualTo(500);
    assertThat(Quantities.cpuMillis(0.1f)).isEqualTo(100);
    assertThat(Quantities.cpuMillis(2)).isEqualTo(2000);
    assertThat(Quantities.cpuMillis(new BigDecimal("1.25"))).isEqualTo(1250);
    assertThat(Quantities.gpus(1)).isEqualTo(1);
    assertThat(Quantities.gpus(2.0)).isEqualTo(2);
  }

  @Test
  void badJsonNumbersAreRefused() {
    assertThatThrownBy(() -> Quantities.memoryBytes(Double.NaN)).hasMessage("Invalid memory: NaN");
    assertThatThrownBy(() -> Quantities.memoryBytes(Double.POSITIVE_INFINITY))
        .hasMessage("Invalid memory: Infinity");
    assertThatThrownBy(() -> Quantities.memoryBytes(-1))
        .hasMessage("Invalid memory: -1 (must not be negative)");
    assertThatThrownBy(() -> Quantities.memoryBytes(1e30))
        .hasMessage("Invalid memory: 1.0E30 (too large)");
    assertThatThrownBy(() -> Quantities.cpuMillis(Long.MAX_VALUE))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Quantities.gpus(1.5))
        .hasMessage("Invalid gpu: 1.5 (must be a whole number)");
  }
}
