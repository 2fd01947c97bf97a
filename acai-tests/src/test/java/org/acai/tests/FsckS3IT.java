package org.acai.tests;

import java.util.HashMap;
import java.util.Map;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.s3.S3ProxyExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** fsck on the S3 blob store (S3Proxy). */
class FsckS3IT extends FsckContract {
  @RegisterExtension
  @Order(1)
  static final S3ProxyExtension S3 = new S3ProxyExtension();

  @RegisterExtension
  @Order(2)
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension()
          .withEnv(
              () -> {
                Map<String, String> env = new HashMap<>(S3.acaiEnv("fsck/"));
                env.putAll(GcContract.GC_NOW);
                return env;
              });

  @Override
  AcaiServerExtension server() {
    return SERVER;
  }
}
