package org.acai.tests;

import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK file contract on the local blob store. */
class FileSdkTest extends FileSdkContract {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @Override
  AcaiServerExtension server() {
    return SERVER;
  }
}
