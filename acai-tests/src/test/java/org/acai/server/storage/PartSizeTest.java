package org.acai.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartSizeTest {
  private static final long MIB = 1L << 20;

  @Test
  void theConfiguredPartSizeServesFilesOfUpToTenThousandParts() {
    assertThat(DataUrls.partSizeFor(1L << 30, 64 * MIB)).isEqualTo(64 * MIB);
    assertThat(DataUrls.partSizeFor(10_000 * 64 * MIB, 64 * MIB)).isEqualTo(64 * MIB);
  }

  @Test
  void aLargerFileGetsTheNextWholeMebibyteThatFitsItInTenThousandParts() {
    long fiveTebibytes = 5L << 40;
    long part = DataUrls.partSizeFor(fiveTebibytes, 64 * MIB);

    assertThat(part % MIB).isZero();
    assertThat((fiveTebibytes + part - 1) / part).isLessThanOrEqualTo(10_000);
    assertThat((fiveTebibytes + part - MIB - 1) / (part - MIB)).isGreaterThan(10_000);
  }
}
