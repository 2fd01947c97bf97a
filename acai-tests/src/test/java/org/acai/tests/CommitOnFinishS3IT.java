package org.acai.tests;

import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.s3.S3ProxyExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sessions that commit on finish, on the S3 blob store (S3Proxy): the server hashes the objects the
 * client PUT straight to S3 when it commits.
 */
class CommitOnFinishS3IT extends CommitOnFinishContract {
  @RegisterExtension
  @Order(1)
  static final S3ProxyExtension S3 = new S3ProxyExtension();

  @RegisterExtension
  @Order(2)
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension().withEnv(() -> S3.acaiEnv("commit-on-finish/"));

  @Override
  AcaiServerExtension server() {
    return SERVER;
  }
}
