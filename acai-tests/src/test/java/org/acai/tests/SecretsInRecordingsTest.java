package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.acai.api.identity.CreateUserResponse;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flight recording of a running server (which operators take to diagnose it) holds no secret:
 * JDBI's statement events list bound values, so keys and hashes must not be bound as plain text.
 */
class SecretsInRecordingsTest {
  // Started before the server (fields initialise in order), so its first start is recorded.
  private static final Recording RECORDING = startRecording();

  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @AfterAll
  static void closeRecording() {
    RECORDING.close();
  }

  @Test
  void statementEventsHoldNoKeyTokenOrTokenHash() throws IOException {
    TestProject project = SERVER.newProject();
    CreateUserResponse user = SERVER.newUserToken(project);
    Http.get(SERVER.endpoint(), "/credential/whoami?token=" + user.userToken());
    RECORDING.stop();
    Path file = Files.createTempFile("acai-recording", ".jfr");
    String parameters;
    try {
      RECORDING.dump(file);
      parameters = statementParameters(RecordingFile.readAllEvents(file));
    } finally {
      Files.delete(file);
    }

    assertThat(parameters).as("the server's statements were recorded").contains("url_signing_key");
    assertThat(parameters)
        .doesNotContain(setting("url_signing_key_v2"))
        .doesNotContain(setting("admin_token_sha256"))
        .doesNotContain(SERVER.adminToken())
        .doesNotContain(project.adminToken())
        .doesNotContain(user.userToken());
  }

  private static String statementParameters(List<RecordedEvent> events) {
    return events.stream()
        .filter(event -> event.getEventType().getName().equals("jdbi.statement"))
        .map(event -> event.getString("parameters"))
        .collect(Collectors.joining("\n"));
  }

  private static String setting(String name) {
    return SERVER.withDatabase(
        handle ->
            handle
                .createQuery("SELECT value FROM server_settings WHERE name = :name")
                .bind("name", name)
                .mapTo(String.class)
                .one());
  }

  private static Recording startRecording() {
    Recording recording = new Recording();
    recording.enable("jdbi.statement");
    recording.start();
    return recording;
  }
}
