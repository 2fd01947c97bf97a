package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.acai.api.identity.CreateUserResponse;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

class SecretsInLogsTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @Test
  void tokensNeverReachTheServerLog() {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    try {
      TestProject project = SERVER.newProject();
      CreateUserResponse user = SERVER.newUserToken(project);
      Http.get(SERVER.endpoint(), "/credential/whoami?token=" + user.userToken());
      Http.get(SERVER.endpoint(), "/credential/whoami?token=acai_not_a_real_token_but_secret");
      Http.post(
          SERVER.endpoint(),
          "/credential/rotate_token",
          "{\"token\":\"" + user.userToken() + "\"}");

      String log = render(captured.list);
      assertThat(log).contains("/credential/whoami");
      assertThat(log)
          .doesNotContain(user.userToken())
          .doesNotContain(project.adminToken())
          .doesNotContain(SERVER.adminToken())
          .doesNotContain("acai_not_a_real_token_but_secret");
    } finally {
      root.detachAppender(captured);
    }
  }

  private static String render(List<ILoggingEvent> events) {
    return events.stream()
        .map(
            event ->
                event.getFormattedMessage()
                    + (event.getThrowableProxy() == null
                        ? ""
                        : ThrowableProxyUtil.asString(event.getThrowableProxy())))
        .collect(Collectors.joining("\n"));
  }
}
