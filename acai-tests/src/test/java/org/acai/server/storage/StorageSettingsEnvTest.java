package org.acai.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

class StorageSettingsEnvTest {
  @Test
  void partsAre64MebibytesUnlessSetWithinS3sLimits() {
    assertThat(StorageSettings.fromEnv(Map.of()).partSize()).isEqualTo(64L << 20);
    assertThat(StorageSettings.fromEnv(Map.of("ACAI_UPLOAD_PART_SIZE", "128Mi")).partSize())
        .isEqualTo(128L << 20);
    assertThat(StorageSettings.fromEnv(Map.of("ACAI_UPLOAD_PART_SIZE", "5Mi")).partSize())
        .isEqualTo(5L << 20);
  }

  @Test
  void aPartSizeBelowFiveMebibytesOrAboveFiveGibibytesIsRefusedByName() {
    for (String bad : new String[] {"4Mi", "6Gi", "lots", "0"}) {
      assertThatThrownBy(() -> StorageSettings.fromEnv(Map.of("ACAI_UPLOAD_PART_SIZE", bad)))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageStartingWith("Invalid ACAI_UPLOAD_PART_SIZE: " + bad);
    }
  }
}
