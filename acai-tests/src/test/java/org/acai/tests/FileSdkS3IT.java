package org.acai.tests;

import java.util.Map;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.s3.S3ProxyExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SDK file contract on the S3 blob store (S3Proxy): transfers go straight to S3 presigned URLs.
 */
class FileSdkS3IT extends FileSdkContract {
  @RegisterExtension
  @Order(1)
  static final S3ProxyExtension S3 = new S3ProxyExtension();

  @RegisterExtension
  @Order(2)
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension()
          .withEnv(
              () ->
                  Map.of(
                      "ACAI_BLOB_STORE",
                      "s3",
                      "ACAI_S3_ENDPOINT",
                      S3.endpoint().toString(),
                      "ACAI_S3_BUCKET",
                      S3ProxyExtension.BUCKET,
                      "ACAI_S3_PREFIX",
                      "sdk/",
                      "ACAI_S3_ACCESS_KEY_ID",
                      S3ProxyExtension.ACCESS_KEY_ID,
                      "ACAI_S3_SECRET_ACCESS_KEY",
                      S3ProxyExtension.SECRET_ACCESS_KEY));

  @Override
  AcaiServerExtension server() {
    return SERVER;
  }
}
