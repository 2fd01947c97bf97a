package org.acai.tests;

import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retention and GC on the local blob store. */
class GcTest extends GcContract {
  @RegisterExtension
  static final AcaiServerExtension SERVER = new AcaiServerExtension().withEnv(() -> GC_NOW);

  @Override
  AcaiServerExtension server() {
    return SERVER;
  }
}
