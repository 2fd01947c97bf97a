package org.acai.server.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlobConfigTest {
  private static final Path HOME = Path.of("/var/acai");

  @Test
  void localDiskUnderAcaiHomeIsTheDefault() {
    assertThat(BlobConfig.fromEnv(Map.of(), HOME))
        .isEqualTo(BlobConfig.local(HOME.resolve("blobs")));
  }

  @Test
  void aBucketSelectsS3WithDefaults() {
    BlobConfig config = BlobConfig.fromEnv(Map.of("ACAI_S3_BUCKET", "data"), HOME);

    assertThat(config.backend()).isEqualTo(BlobConfig.Backend.S3);
    assertThat(config.s3())
        .isEqualTo(new S3BlobConfig(null, "data", "us-east-1", "", null, null, null));
    assertThat(config.s3().hasStaticCredentials()).isFalse();
  }

  @Test
  void s3SettingsAndCredentialsAreReadFromTheEnvironment() {
    Map<String, String> env =
        Map.of(
            "ACAI_S3_BUCKET", "data",
            "ACAI_S3_ENDPOINT", "http://127.0.0.1:9000",
            "ACAI_S3_REGION", "eu-west-1",
            "ACAI_S3_PREFIX", "/acai/prod",
            "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "very-secret");

    S3BlobConfig s3 = BlobConfig.fromEnv(env, HOME).s3();

    assertThat(s3)
        .isEqualTo(
            new S3BlobConfig(
                URI.create("http://127.0.0.1:9000"),
                "data",
                "eu-west-1",
                "acai/prod/",
                "AKIDEXAMPLE",
                "very-secret",
                null));
    assertThat(s3.toString()).contains("s3://data/acai/prod/").doesNotContain("very-secret");
  }

  @Test
  void acaiSpecificCredentialsWinOverTheAwsOnes() {
    Map<String, String> env =
        Map.of(
            "ACAI_S3_BUCKET", "data",
            "ACAI_S3_ACCESS_KEY_ID", "acai-key",
            "ACAI_S3_SECRET_ACCESS_KEY", "acai-secret",
            "AWS_ACCESS_KEY_ID", "aws-key",
            "AWS_SECRET_ACCESS_KEY", "aws-secret",
            "AWS_SESSION_TOKEN", "aws-token");

    S3BlobConfig s3 = S3BlobConfig.fromEnv(env);

    assertThat(s3.accessKeyId()).isEqualTo("acai-key");
    assertThat(s3.secretAccessKey()).isEqualTo("acai-secret");
    assertThat(s3.sessionToken()).isNull();
  }

  @Test
  void explicitLocalWinsOverABucket() {
    Map<String, String> env = Map.of("ACAI_BLOB_STORE", "local", "ACAI_S3_BUCKET", "data");

    assertThat(BlobConfig.fromEnv(env, HOME).backend()).isEqualTo(BlobConfig.Backend.LOCAL);
  }

  @Test
  void s3WithoutABucketIsRejected() {
    assertThatThrownBy(() -> BlobConfig.fromEnv(Map.of("ACAI_BLOB_STORE", "s3"), HOME))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ACAI_S3_BUCKET");
  }

  @Test
  void unknownBackendIsRejected() {
    assertThatThrownBy(() -> BlobConfig.fromEnv(Map.of("ACAI_BLOB_STORE", "gcs"), HOME))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid ACAI_BLOB_STORE: gcs (expected local or s3)");
  }

  @Test
  void invalidBucketsAndPrefixesAreRejected() {
    assertThatThrownBy(() -> S3BlobConfig.of(null, "No_Such", null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> S3BlobConfig.of(null, "data", null, null).withPrefix("a/../b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> S3BlobConfig.of(null, "data", "key-only", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void blobKeysFanOutByTheFirstHexDigits() {
    String sha = "ab" + "cd" + "0".repeat(60);

    assertThat(new BlobRef(sha, 1).key()).isEqualTo("sha256/ab/cd/" + sha);
  }

  @Test
  void storesAreChosenByTheConfig(@org.junit.jupiter.api.io.TempDir Path dir) {
    try (BlobStore local = BlobStores.fromConfig(BlobConfig.local(dir));
        BlobStore memory = BlobStores.fromConfig(BlobConfig.memory())) {
      assertThat(local).isInstanceOf(SupportsLocalFiles.class);
      assertThat(local.describe()).isEqualTo("local disk at " + dir.toAbsolutePath());
      assertThat(memory.describe()).isEqualTo("in memory");
    }
  }
}
