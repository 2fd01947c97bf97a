package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.acai.api.identity.CreateUserResponse;
import org.acai.api.job.JobInfo;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobSpec;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UiSecurityTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @Test
  void rootRedirectsToTheDashboard() {
    HttpResponse<String> root = new UiSession(SERVER.endpoint()).get("/");

    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location")).hasValue("/ui/");
  }

  @Test
  void signingInSetsAStrictHttpOnlyCookieAndThePageNeverShowsTheToken() {
    TestProject project = SERVER.newProject();
    UiSession session = new UiSession(SERVER.endpoint());
    HttpResponse<String> form = session.get("/ui/login");
    HttpResponse<String> signedIn =
        UiSession.send(
            HttpRequest.newBuilder(SERVER.endpoint().resolve("/ui/login"))
                .header("Cookie", "acai_login_csrf=" + UiSession.setCookie(form, "acai_login_csrf"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "_csrf="
                            + UiSession.csrfOf(form.body())
                            + "&token="
                            + project.adminToken()))
                .build());

    assertThat(signedIn.statusCode()).isEqualTo(303);
    assertThat(signedIn.headers().firstValue("Location")).hasValue("/ui/jobs");
    String cookie =
        signedIn.headers().allValues("Set-Cookie").stream()
            .filter(value -> value.startsWith("acai_session="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Path=/ui").doesNotContain("Secure");
    assertThat(cookie).doesNotContain(project.adminToken());
    HttpResponse<String> jobs = session.adopt(signedIn).get("/ui/jobs");
    assertThat(jobs.statusCode()).isEqualTo(200);
    assertThat(jobs.body()).contains(project.name()).doesNotContain(project.adminToken());
  }

  @Test
  void aWrongTokenIsRefusedWithAMessage() {
    UiSession session = UiSession.signIn(SERVER.endpoint(), "acai_not-a-token");

    assertThat(session.cookie()).isEmpty();
    assertThat(session.get("/ui/jobs").statusCode()).isEqualTo(303);
  }

  @Test
  void everyPageCarriesAStrictContentSecurityPolicyAndRefusesFraming() {
    TestProject project = SERVER.newProject();
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());

    for (String path : new String[] {"/ui/login", "/ui/jobs", "/ui/submit", "/ui/jobs/999999"}) {
      HttpResponse<String> page = session.get(path);
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(
              csp ->
                  assertThat(csp)
                      .contains("script-src 'self'", "frame-ancestors 'none'")
                      .doesNotContain("unsafe-inline"));
      assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");
    }
  }

  @Test
  void aStateChangingRequestWithoutTheCsrfTokenIsRefused() {
    TestProject project = SERVER.newProject();
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());
    Map<String, String> job = Map.of("name", "sneaky", "command", "true", "output_path", "o");

    HttpResponse<String> refused = session.post("/ui/submit", job);
    HttpResponse<String> wrong =
        session.post("/ui/submit", Map.of("name", "x", "command", "true", "_csrf", "guess"));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(project.admin().jobs().list()).isEmpty();
  }

  @Test
  void signingOutEndsTheSessionForGood() {
    TestProject project = SERVER.newProject();
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());
    String oldCookie = session.cookie();

    HttpResponse<String> out = session.post("/ui/logout", Map.of("_csrf", session.csrf()));

    assertThat(out.statusCode()).isEqualTo(303);
    UiSession replay = new UiSession(SERVER.endpoint());
    HttpResponse<String> jobs =
        UiSession.send(
            HttpRequest.newBuilder(SERVER.endpoint().resolve("/ui/jobs"))
                .header("Cookie", "acai_session=" + oldCookie)
                .build());
    assertThat(jobs.statusCode()).isEqualTo(303);
    assertThat(jobs.headers().firstValue("Location")).hasValue("/ui/login");
    assertThat(replay.cookie()).isEmpty();
  }

  @Test
  void rotatingTheTokenEndsItsSessions() {
    TestProject project = SERVER.newProject();
    CreateUserResponse user = SERVER.newUserToken(project);
    UiSession session = UiSession.signIn(SERVER.endpoint(), user.userToken());
    assertThat(session.get("/ui/jobs").statusCode()).isEqualTo(200);

    AcaiClient.connect(SERVER.endpoint(), user.userToken()).identity().rotateToken();

    assertThat(session.get("/ui/jobs").statusCode()).isEqualTo(303);
  }

  @Test
  void aSessionOfProjectBNeverSeesProjectAsJobs() {
    TestProject a = SERVER.newProject();
    TestProject b = SERVER.newProject();
    JobInfo job =
        a.admin()
            .jobs()
            .submit(
                JobSpec.builder().name("secret-of-a").command("sleep 30").outputPath("o").build());
    UiSession intruder = UiSession.signIn(SERVER.endpoint(), b.adminToken());
    String id = Long.toString(job.id());

    assertThat(intruder.get("/ui/jobs").body()).doesNotContain("secret-of-a");
    assertThat(intruder.get("/ui/jobs?name=secret").body()).doesNotContain("secret-of-a");
    assertThat(intruder.get("/ui/jobs/" + id).statusCode()).isEqualTo(404);
    assertThat(intruder.get("/ui/jobs/" + id + "/live").statusCode()).isEqualTo(404);
    assertThat(intruder.get("/ui/submit?from=" + id).statusCode()).isEqualTo(404);
    HttpResponse<String> kill =
        intruder.post("/ui/jobs/" + id + "/kill", Map.of("_csrf", intruder.csrf()));
    assertThat(kill.statusCode()).isEqualTo(404);
    assertThat(a.admin().jobs().find(job.id()).jobStatus().isTerminal()).isFalse();
    a.admin().jobs().kill(job.id());
  }

  @Test
  void markupInNamesIsShownEscaped() {
    TestProject project = SERVER.newProject();
    String name = "<script>alert(1)</script>";
    JobInfo job =
        project
            .admin()
            .jobs()
            .submit(
                JobSpec.builder().name(name).command("echo '<b>bold</b>'").outputPath("o").build());
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());

    String list = session.get("/ui/jobs").body();
    String page = session.get("/ui/jobs/" + job.id()).body();

    assertThat(list).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(name);
    assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(name);
  }

  @Test
  void aLoginLinkSignsInOnceAndLeavesACleanUrl() {
    TestProject project = SERVER.newProject();
    Http.Answer link =
        Http.send(
            HttpRequest.newBuilder(SERVER.endpoint().resolve("/credential/ui_login_link"))
                .header("Authorization", "Bearer " + project.adminToken())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    String path = link.json().get("path").asText();
    UiSession browser = new UiSession(SERVER.endpoint());

    HttpResponse<String> first = browser.get(path);
    HttpResponse<String> second = new UiSession(SERVER.endpoint()).get(path);

    assertThat(path).startsWith("/ui/login/link?code=").doesNotContain(project.adminToken());
    assertThat(first.statusCode()).isEqualTo(303);
    assertThat(first.headers().firstValue("Location")).hasValue("/ui/jobs");
    assertThat(browser.adopt(first).get("/ui/jobs").statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(401);
  }

  @Test
  void anUnknownJobIsANotFoundPage() {
    TestProject project = SERVER.newProject();
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());

    HttpResponse<String> page = session.get("/ui/jobs/424242");

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("No such job: 424242").contains("<html");
  }
}
