package org.acai.tests;

import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.s3.S3ProxyExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The storage wire contract on the S3 blob store (S3Proxy): clients PUT straight to S3 presigned
 * URLs and the server notices the objects when polled.
 */
class StorageWireS3IT extends StorageWireContract {
  @RegisterExtension
  @Order(1)
  static final S3ProxyExtension S3 = new S3ProxyExtension();

  @RegisterExtension
  @Order(2)
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension().withEnv(() -> S3.acaiEnv("wire/"));

  @Override
  AcaiServerExtension server() {
    return SERVER;
  }
}
