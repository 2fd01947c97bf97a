package org.acai.tests;

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
      new AcaiServerExtension().withEnv(() -> S3.acaiEnv("sdk/"));

  @Override
  AcaiServerExtension server() {
    return SERVER;
  }
}
