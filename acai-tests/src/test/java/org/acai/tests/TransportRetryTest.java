package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.acai.api.error.ServiceUnavailableException;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobSpec;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK repeats a GET whose connection fails, and never a POST, which may not be repeatable. */
class TransportRetryTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  private TestProject project;
  private String token;

  @BeforeEach
  void newUser() {
    project = SERVER.newProject();
    token = SERVER.newUserToken(project).userToken();
  }

  @Test
  void getWhoseConnectionIsDroppedIsSentOnceMore() throws Exception {
    // The JDK's client repeats a failed GET once by itself; the SDK's own repeat is the third try.
    try (FaultyProxy proxy = FaultyProxy.dropping(SERVER.endpoint(), 2)) {
      AcaiClient client = AcaiClient.connect(proxy.uri(), token);

      assertThat(client.whoami().projectId()).isEqualTo(project.name());
      assertThat(proxy.accepted()).isEqualTo(3);
    }
  }

  @Test
  void postWhoseConnectionIsDroppedFailsAndIsNotRepeated() throws Exception {
    try (FaultyProxy proxy = FaultyProxy.dropping(SERVER.endpoint(), 1)) {
      AcaiClient client = AcaiClient.connect(proxy.uri(), token);
      JobSpec job = JobSpec.builder().name("once").command("true").outputPath("o").build();

      assertThatThrownBy(() -> client.jobs().submit(job))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessageContaining("Cannot reach the ACAI server");
      assertThat(proxy.accepted()).isEqualTo(1);
      assertThat(AcaiClient.connect(SERVER.endpoint(), token).jobs().list()).isEmpty();
    }
  }
}
