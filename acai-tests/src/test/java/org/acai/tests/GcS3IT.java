package org.acai.tests;

import java.util.HashMap;
import java.util.Map;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.s3.S3ProxyExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retention and GC on the S3 blob store (S3Proxy). */
class GcS3IT extends GcContract {
  @RegisterExtension
  @Order(1)
  static final S3ProxyExtension S3 = new S3ProxyExtension();

  @RegisterExtension
  @Order(2)
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension()
          .withEnv(
              () -> {
                Map<String, String> env = new HashMap<>(S3.acaiEnv("gc/"));
                env.putAll(GC_NOW);
                return env;
              });

  @Override
  AcaiServerExtension server() {
    return SERVER;
  }
}
