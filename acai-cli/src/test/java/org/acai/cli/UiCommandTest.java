package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class UiCommandTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir Path dir;

  @Test
  void uiPrintsALoginLinkThatSignsInOnce() throws Exception {
    TestProject project = SERVER.newProject();
    CliRunner cli =
        new CliRunner(SERVER.endpoint().toString(), dir.resolve("credentials"))
            .with("ACAI_TOKEN", project.adminToken());

    CliRunner.Result result = cli.run("ui");

    assertThat(result.code()).as(result.err()).isZero();
    String link = result.out().strip();
    assertThat(link).startsWith(SERVER.endpoint() + "/ui/login/link?code=");
    assertThat(link).doesNotContain(project.adminToken());
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> first =
        http.send(
            HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> second =
        http.send(
            HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(first.statusCode()).isEqualTo(303);
    assertThat(first.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(c -> assertThat(c).startsWith("acai_session="));
    assertThat(second.statusCode()).isEqualTo(401);
  }
}
