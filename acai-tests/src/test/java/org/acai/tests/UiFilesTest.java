package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.sdk.JobSpec;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's file, file-set, metadata and lineage pages over HTTP, and their security. */
class UiFilesTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir Path tmp;

  @Test
  void anUploadFromTheBrowserBecomesTheNextVersionAndDownloadsThroughTheSession() {
    TestProject project = SERVER.newProject();
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());
    String csrf = session.csrf();

    HttpResponse<String> first =
        session.postBytes("/ui/upload?dir=/up&name=a.txt", bytes("one"), csrf);
    HttpResponse<String> second =
        session.postBytes("/ui/upload?dir=/up&name=a.txt", bytes("two!"), csrf);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("\"id\":\"/up/a.txt:1\"");
    assertThat(second.body()).contains("\"id\":\"/up/a.txt:2\"");
    assertThat(project.admin().files().listFileVersions("/up/a.txt")).hasSize(2);
    HttpResponse<byte[]> download = session.getBytes("/ui/download?id=/up/a.txt:1");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(new String(download.body(), UTF_8)).isEqualTo("one");
    assertThat(download.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("attachment"));
    String page = session.get("/ui/file?path=/up/a.txt").body();
    assertThat(page).contains("/up/a.txt:1", "/up/a.txt:2", "/ui/download?id=%2Fup%2Fa.txt%3A2");
    assertThat(page).doesNotContain(project.adminToken());
  }

  @Test
  void aDirectoryWithManyEntriesIsPagedByName() throws IOException {
    TestProject project = SERVER.newProject();
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < 230; i++) {
      Path local = Files.writeString(tmp.resolve("f" + i), "x" + i);
      files.put(local.toString(), String.format("/many/f%03d.txt", i));
    }
    project.admin().files().upload(files);
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());

    String first = session.get("/ui/files?path=/many").body();
    String second = session.get("/ui/files?path=%2Fmany&after=f099.txt").body();
    String last = session.get("/ui/files?path=%2Fmany&after=f199.txt").body();

    assertThat(first).contains("f000.txt", "f099.txt").doesNotContain("f100.txt");
    assertThat(first).contains("after=f099.txt", "/ui/sets?members=%2Fmany%2Ff000.txt%0A");
    assertThat(second).contains("f100.txt", "f199.txt").doesNotContain("f099.txt", "f200.txt");
    assertThat(last).contains("f200.txt", "f229.txt").doesNotContain("id=\"next-page\"");
  }

  @Test
  void theFileSetListIsPagedByName() throws IOException {
    TestProject project = SERVER.newProject();
    Path local = Files.writeString(tmp.resolve("member"), "m");
    project.admin().files().upload(Map.of(local.toString(), "/member.txt"));
    for (int i = 0; i < 130; i++) {
      project.admin().fileSets().createFileSet(String.format("set%03d", i), List.of("/member.txt"));
    }
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());

    String first = session.get("/ui/sets").body();
    String last = session.get("/ui/sets?after=set099").body();

    assertThat(first).contains("name=set000", "name=set099").doesNotContain("name=set100");
    assertThat(first).contains("/ui/sets?after=set099").doesNotContain("id=\"first-page\"");
    assertThat(last).contains("name=set100", "name=set129").doesNotContain("name=set099");
    assertThat(last).contains("id=\"first-page\"").doesNotContain("id=\"next-page\"");
  }

  @Test
  void aFileSetIsCreatedFromTheFormAndShowsItsMembersAndLineage() {
    TestProject project = SERVER.newProject();
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());
    String csrf = session.csrf();
    session.postBytes("/ui/upload?dir=/d&name=x.csv", bytes("1,2"), csrf);
    session.postBytes("/ui/upload?dir=/d&name=y.csv", bytes("3,4,5"), csrf);

    HttpResponse<String> created =
        session.post(
            "/ui/sets", Map.of("_csrf", csrf, "name", "pair", "members", "/d/x.csv\n/d/y.csv:1"));
    HttpResponse<String> bad =
        session.post("/ui/sets", Map.of("_csrf", csrf, "name", "bad", "members", "/d/none.csv"));

    assertThat(created.statusCode()).isEqualTo(303);
    assertThat(created.headers().firstValue("Location")).hasValue("/ui/set?name=pair&version=1");
    String page = session.get("/ui/set?name=pair&version=1").body();
    assertThat(page).contains("/d/x.csv:1", "/d/y.csv:1", "5 B", "/ui/lineage?set=pair%3A1");
    assertThat(bad.statusCode()).isEqualTo(404);
    assertThat(bad.body()).contains("no such file /d/none.csv");
    HttpResponse<String> lineage = session.get("/ui/lineage?set=pair:1");
    assertThat(lineage.statusCode()).isEqualTo(200);
    assertThat(lineage.body()).contains("<svg", "pair:1", "lineage-empty");
    assertThat(session.get("/ui/sets").body()).contains("/ui/set?name=pair");
  }

  @Test
  void metadataIsEditedWithTheFormsAndShownOnThePage() {
    TestProject project = SERVER.newProject();
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());
    String csrf = session.csrf();
    session.postBytes("/ui/upload?dir=/m&name=model.bin", bytes("weights"), csrf);

    HttpResponse<String> added =
        fileMeta(session, csrf, "tag", "best", "key", "accuracy", "value", "0.93");
    fileMeta(session, csrf, "key", "note", "value", "draft");
    fileMeta(session, csrf, "op", "remove", "key", "note");

    assertThat(added.statusCode()).isEqualTo(303);
    assertThat(added.headers().firstValue("Location"))
        .hasValue("/ui/file?path=%2Fm%2Fmodel.bin&version=1");
    assertThat(project.admin().meta().getFileMeta("/m/model.bin:1").toString())
        .contains("best", "accuracy", "0.93")
        .doesNotContain("draft");
    String page = session.get("/ui/file?path=/m/model.bin&version=1").body();
    assertThat(page).contains("best", "accuracy", "0.93").doesNotContain("draft");
    HttpResponse<String> reserved = fileMeta(session, csrf, "key", "__size__", "value", "1");
    assertThat(reserved.statusCode()).isEqualTo(400);
    assertThat(reserved.body()).contains("reserved").doesNotContain("Exception");
  }

  @Test
  void aSessionOfProjectBGetsNotFoundForProjectAsFilesAndSets() throws IOException {
    TestProject a = SERVER.newProject();
    TestProject b = SERVER.newProject();
    Path local = Files.writeString(tmp.resolve("secret.txt"), "secret of a");
    a.admin().files().upload(Map.of(local.toString(), "/private/secret.txt"));
    a.admin().fileSets().createFileSet("secrets", List.of("/private/secret.txt"));
    long job =
        a.admin()
            .jobs()
            .submit(JobSpec.builder().name("job-of-a").command("true").outputPath("o").build())
            .id();
    UiSession intruder = UiSession.signIn(SERVER.endpoint(), b.adminToken());
    String csrf = intruder.csrf();
    assertThat(intruder.get("/ui/lineage?job=" + job).statusCode()).isEqualTo(404);

    for (String path :
        List.of(
            "/ui/files?path=/private",
            "/ui/file?path=/private/secret.txt",
            "/ui/download?id=/private/secret.txt:1",
            "/ui/set?name=secrets",
            "/ui/lineage?set=secrets:1")) {
      HttpResponse<String> page = intruder.get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(404);
      assertThat(page.body()).as(path).doesNotContain("secret of a").contains("<html");
    }
    assertThat(intruder.get("/ui/files").body()).doesNotContain("private");
    assertThat(intruder.get("/ui/sets").body()).doesNotContain("secrets");
    HttpResponse<String> tag =
        intruder.post(
            "/ui/meta",
            Map.of("_csrf", csrf, "type", "file", "id", "/private/secret.txt:1", "tag", "pwned"));
    assertThat(tag.statusCode()).isEqualTo(404);
    assertThat(a.admin().meta().getFileMeta("/private/secret.txt:1").toString())
        .doesNotContain("pwned");
  }

  @Test
  void theNewStateChangingEndpointsRefuseRequestsWithoutTheCsrfToken() {
    TestProject project = SERVER.newProject();
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());
    String csrf = session.csrf();
    session.postBytes("/ui/upload?dir=/c&name=ok.txt", bytes("ok"), csrf);

    HttpResponse<String> upload =
        session.postBytes("/ui/upload?dir=/c&name=x.txt", bytes("x"), null);
    HttpResponse<String> guessed =
        session.postBytes("/ui/upload?dir=/c&name=x.txt", bytes("x"), "guess");
    HttpResponse<String> set =
        session.post("/ui/sets", Map.of("name", "s", "members", "/c/ok.txt"));
    HttpResponse<String> meta =
        session.post("/ui/meta", Map.of("type", "file", "id", "/c/ok.txt:1", "tag", "t"));

    assertThat(List.of(upload, guessed, set, meta))
        .extracting(HttpResponse::statusCode)
        .containsOnly(403);
    assertThat(session.get("/ui/files?path=/c").body()).contains("ok.txt").doesNotContain("x.txt");
    assertThat(session.get("/ui/sets").body()).doesNotContain("/ui/set?name=s\"");
    assertThat(project.admin().meta().getFileMeta("/c/ok.txt:1").toString())
        .doesNotContain("\"t\"");
  }

  @Test
  void theNewPagesCarryTheStrictPolicyAndNoInlineScriptOrStyle() {
    TestProject project = SERVER.newProject();
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());
    session.postBytes("/ui/upload?dir=/p&name=q.txt", bytes("q"), session.csrf());
    project.admin().fileSets().createFileSet("ps", List.of("/p/q.txt"));

    for (String path :
        List.of(
            "/ui/files",
            "/ui/files?path=/p",
            "/ui/file?path=/p/q.txt",
            "/ui/sets",
            "/ui/set?name=ps",
            "/ui/lineage?set=ps:1")) {
      HttpResponse<String> page = session.get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
      assertThat(page.body()).as(path).doesNotContain("<script>", "style=", "onclick");
    }
  }

  @Test
  void unknownFilesAndSetsAreNotFoundPagesWithAMessage() {
    TestProject project = SERVER.newProject();
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());

    HttpResponse<String> file = session.get("/ui/file?path=/nope.txt");
    HttpResponse<String> set = session.get("/ui/set?name=nope");
    HttpResponse<String> dir = session.get("/ui/files?path=/nope");
    HttpResponse<String> badPath = session.get("/ui/files?path=/a/../b");

    assertThat(file.statusCode()).isEqualTo(404);
    assertThat(file.body()).contains("No such file: /nope.txt");
    assertThat(set.statusCode()).isEqualTo(404);
    assertThat(set.body()).contains("No such file set: nope");
    assertThat(dir.statusCode()).isEqualTo(404);
    assertThat(badPath.statusCode()).isEqualTo(400);
    assertThat(badPath.body()).doesNotContain("Exception", "at org.");
  }

  /** A metadata form of /m/model.bin:1 with {@code fields} (name, value, name, value...). */
  private static HttpResponse<String> fileMeta(UiSession session, String csrf, String... fields) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", csrf);
    form.put("type", "file");
    form.put("id", "/m/model.bin:1");
    for (int i = 0; i < fields.length; i += 2) {
      form.put(fields[i], fields[i + 1]);
    }
    return session.post("/ui/meta", form);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
