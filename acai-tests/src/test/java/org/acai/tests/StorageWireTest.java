package org.acai.tests;

import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The storage wire contract on the local blob store. */
class StorageWireTest extends StorageWireContract {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @Override
  AcaiServerExtension server() {
    return SERVER;
  }
}
