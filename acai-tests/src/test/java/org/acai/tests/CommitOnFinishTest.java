package org.acai.tests;

import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sessions that commit on finish, on the local blob store. */
class CommitOnFinishTest extends CommitOnFinishContract {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @Override
  AcaiServerExtension server() {
    return SERVER;
  }
}
