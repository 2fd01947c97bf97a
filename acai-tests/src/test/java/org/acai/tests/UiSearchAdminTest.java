package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.acai.api.error.NotAuthenticatedException;
import org.acai.api.identity.CreateUserResponse;
import org.acai.api.job.JobInfo;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobSpec;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** The dashboard's search, project admin and jobs-paging pages over HTTP, and their security. */
class UiSearchAdminTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();
  private static final Pattern NEW_TOKEN = Pattern.compile("<pre id=\"new-token\">([^<]+)</pre>");

  @Test
  void searchFindsTaggedJobsByEveryConditionKindWithTheQueryInTheUrl() {
    TestProject project = SERVER.newProject();
    long tagged =
        finishedJob(
            project,
            "nightly-run",
            List.of("nightly"),
            Map.of("loss", 0.25, "kind", "nightly-build"));
    long other =
        finishedJob(project, "other-run", List.of(), Map.of("loss", 0.75, "kind", "weekly-build"));
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());

    String byTag = session.get("/ui/search?type=job&k0=tags&c0=value&v0=nightly").body();
    String byRegex = session.get("/ui/search?type=job&k0=kind&c0=regex&v0=%5Enight").body();
    String byRange = session.get("/ui/search?type=job&k0=loss&c0=range&v0=0.25&e0=1").body();
    String byMin = session.get("/ui/search?type=job&k0=loss&c0=min").body();
    String byMax = session.get("/ui/search?type=job&k0=loss&c0=max").body();
    String anded =
        session
            .get("/ui/search?type=job&k0=loss&c0=range&v0=0&e0=1&k1=tags&c1=value&v1=nightly")
            .body();

    assertThat(byTag).contains(link(tagged)).doesNotContain(link(other));
    assertThat(byRegex).contains(link(tagged)).doesNotContain(link(other));
    assertThat(byRange).contains(link(other)).doesNotContain(link(tagged));
    assertThat(byMin).contains(link(tagged)).doesNotContain(link(other));
    assertThat(byMax).contains(link(other)).doesNotContain(link(tagged));
    assertThat(anded).contains(link(tagged)).doesNotContain(link(other));
  }

  @Test
  void anInvalidConditionIsAMessageOnTheFormNotAnErrorPage() {
    TestProject project = SERVER.newProject();
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());

    HttpResponse<String> page = session.get("/ui/search?type=job&k0=loss&c0=range&v0=low&e0=1");

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("range bounds must be numbers").contains("name=\"k0\"");
  }

  @Test
  void aSessionOfProjectBNeverSeesProjectAsSearchResults() {
    TestProject a = SERVER.newProject();
    TestProject b = SERVER.newProject();
    long secret = finishedJob(a, "secret-of-a", List.of("shared-tag"), Map.of());
    UiSession intruder = UiSession.signIn(SERVER.endpoint(), b.adminToken());

    String page = intruder.get("/ui/search?type=job&k0=tags&c0=value&v0=shared-tag").body();

    assertThat(page).contains("Nothing matches").doesNotContain(link(secret));
  }

  @Test
  void aPlainUserCannotOpenOrUseTheAdminPages() {
    TestProject project = SERVER.newProject();
    CreateUserResponse user = SERVER.newUserToken(project);
    UiSession session = UiSession.signIn(SERVER.endpoint(), user.userToken());
    String csrf = session.csrf();

    HttpResponse<String> page = session.get("/ui/admin");
    HttpResponse<String> create =
        session.post("/ui/admin/users", Map.of("_csrf", csrf, "user_name", "mallory"));
    HttpResponse<String> rotate =
        session.post("/ui/admin/users/" + project.adminId() + "/rotate", Map.of("_csrf", csrf));
    HttpResponse<String> revoke =
        session.post("/ui/admin/users/" + project.adminId() + "/revoke", Map.of("_csrf", csrf));

    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(create.statusCode()).isEqualTo(403);
    assertThat(rotate.statusCode()).isEqualTo(403);
    assertThat(revoke.statusCode()).isEqualTo(403);
    assertThat(session.get("/ui/jobs").body()).doesNotContain("href=\"/ui/admin\"");
    assertThat(project.admin().identity().listUsers()).hasSize(2);
  }

  @Test
  void adminPostsWithoutTheCsrfTokenAreRefused() {
    TestProject project = SERVER.newProject();
    CreateUserResponse user = SERVER.newUserToken(project);
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());

    HttpResponse<String> create = session.post("/ui/admin/users", Map.of("user_name", "eve"));
    HttpResponse<String> rotate =
        session.post("/ui/admin/users/" + user.userId() + "/rotate", Map.of("_csrf", "guess"));
    HttpResponse<String> revoke =
        session.post("/ui/admin/users/" + user.userId() + "/revoke", Map.of());

    assertThat(create.statusCode()).isEqualTo(403);
    assertThat(rotate.statusCode()).isEqualTo(403);
    assertThat(revoke.statusCode()).isEqualTo(403);
    assertThat(project.admin().identity().listUsers()).hasSize(2);
    assertThat(AcaiClient.connect(SERVER.endpoint(), user.userToken()).identity().whoami())
        .isNotNull();
  }

  @Test
  void aNewTokenIsShownOnceInThePostsAnswerAndNeverInAUrlOrLaterPage() {
    TestProject project = SERVER.newProject();
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());

    HttpResponse<String> created =
        session.post("/ui/admin/users", Map.of("_csrf", session.csrf(), "user_name", "carol"));
    String token = newToken(created);
    HttpResponse<String> later = session.get("/ui/admin");

    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.headers().firstValue("Location")).isEmpty();
    assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(AcaiClient.connect(SERVER.endpoint(), token).identity().whoami().userName())
        .isEqualTo("carol");
    assertThat(later.body()).contains("carol").doesNotContain(token).doesNotContain("new-token");
    assertThat(later.body()).doesNotContain(project.adminToken());
    HttpResponse<String> again =
        session.post("/ui/admin/users", Map.of("_csrf", session.csrf(), "user_name", "carol"));
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body())
        .contains("Cannot create user carol: it exists")
        .doesNotContain("new-token");
  }

  @Test
  void tokensMadeOnTheAdminPageNeverReachTheServerLog() {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    try {
      TestProject project = SERVER.newProject();
      UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());
      HttpResponse<String> created =
          session.post("/ui/admin/users", Map.of("_csrf", session.csrf(), "user_name", "erin"));
      String first = newToken(created);
      String userId = created.body().replaceAll("(?s).*<td>(\\d+)</td>\\s*<td>erin</td>.*", "$1");
      String second =
          newToken(
              session.post(
                  "/ui/admin/users/" + userId + "/rotate", Map.of("_csrf", session.csrf())));

      String log =
          captured.list.stream()
              .map(ILoggingEvent::getFormattedMessage)
              .collect(Collectors.joining("\n"));
      assertThat(log).contains("/ui/admin/users");
      assertThat(log).doesNotContain(first).doesNotContain(second);
      assertThat(log).doesNotContain(project.adminToken()).doesNotContain(session.cookie());
    } finally {
      root.detachAppender(captured);
    }
  }

  @Test
  void rotatingAUsersTokenShowsTheNewOneAndTheOldOneStopsWorking() {
    TestProject project = SERVER.newProject();
    CreateUserResponse user = SERVER.newUserToken(project);
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());

    HttpResponse<String> rotated =
        session.post(
            "/ui/admin/users/" + user.userId() + "/rotate", Map.of("_csrf", session.csrf()));
    String fresh = newToken(rotated);

    assertThat(fresh).isNotEqualTo(user.userToken());
    assertThat(AcaiClient.connect(SERVER.endpoint(), fresh).identity().whoami().userId())
        .isEqualTo(user.userId());
    assertThatThrownBy(
            () -> AcaiClient.connect(SERVER.endpoint(), user.userToken()).identity().whoami())
        .isInstanceOf(NotAuthenticatedException.class);
    HttpResponse<String> revoked =
        session.post(
            "/ui/admin/users/" + user.userId() + "/revoke", Map.of("_csrf", session.csrf()));
    assertThat(revoked.body()).contains("Revoked 1 token(s)").doesNotContain(fresh);
    assertThatThrownBy(() -> AcaiClient.connect(SERVER.endpoint(), fresh).identity().whoami())
        .isInstanceOf(NotAuthenticatedException.class);
  }

  @Test
  void theJobsListIsPagedAndFilteredWithEverythingInTheUrl() {
    TestProject project = SERVER.newProject();
    bulkJobs(project, 120);
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());

    String first = session.get("/ui/jobs").body();
    String second = session.get(older(first)).body();
    String third = session.get(older(second)).body();
    String filtered = session.get("/ui/jobs?name=bulk-7&status=FINISHED").body();
    String none = session.get("/ui/jobs?status=FAILED").body();

    assertThat(first).contains("120 job(s)", ">bulk-120<", ">bulk-71<").doesNotContain(">bulk-70<");
    assertThat(second).contains(">bulk-70<", ">bulk-21<", "← Newer").doesNotContain(">bulk-71<");
    assertThat(third).contains(">bulk-20<", ">bulk-1<").doesNotContain("Older →");
    assertThat(session.get(newer(third)).body()).contains(">bulk-70<", ">bulk-21<");
    assertThat(filtered)
        .contains("11 job(s)", ">bulk-7<", ">bulk-79<")
        .doesNotContain(">bulk-107<", ">bulk-8<");
    assertThat(none).contains("0 job(s)");
  }

  private static String older(String page) {
    return pagerLink(page, "Older →");
  }

  private static String newer(String page) {
    return pagerLink(page, "← Newer");
  }

  private static String pagerLink(String page, String label) {
    Matcher matcher = Pattern.compile("<a href=\"([^\"]+)\">" + label + "</a>").matcher(page);
    assertThat(matcher.find()).as("a '%s' link", label).isTrue();
    return matcher.group(1).replace("&amp;", "&");
  }

  private static String newToken(HttpResponse<String> answer) {
    Matcher matcher = NEW_TOKEN.matcher(answer.body());
    assertThat(matcher.find()).as("the new token on the page").isTrue();
    return matcher.group(1);
  }

  private static String link(long job) {
    return "href=\"/ui/jobs/" + job + "\"";
  }

  /** A job with metadata. */
  private static long finishedJob(
      TestProject project, String name, List<String> tags, Map<String, ?> values) {
    JobInfo job =
        project
            .admin()
            .jobs()
            .submit(JobSpec.builder().name(name).command("true").outputPath("o").build());
    project.admin().meta().updateJobMeta(job.id(), tags, values);
    return job.id();
  }

  /** Inserts {@code count} FINISHED jobs named bulk-1.. (the list only reads them). */
  private static void bulkJobs(TestProject project, int count) {
    SERVER.withDatabase(
        handle ->
            handle
                .createUpdate(
                    "INSERT INTO jobs (project_id, creator_id, name, command, output_path,"
                        + " output_set_name, cpu_millis, memory_bytes, gpus, status)"
                        + " SELECT u.project_id, u.id, 'bulk-' || g, 'true', 'o', 'bulk_' || g,"
                        + " 1000, 268435456, 0, 'FINISHED' FROM users u, generate_series(1, :n) g"
                        + " WHERE u.id = :admin ORDER BY g")
                .bind("n", count)
                .bind("admin", project.adminId())
                .execute());
  }
}
