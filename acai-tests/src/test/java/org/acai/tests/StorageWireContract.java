package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The storage endpoints exactly as the original Python client uses them, on any blob store. */
abstract class StorageWireContract {
  /** The server under test. */
  abstract AcaiServerExtension server();

  private Wire wire;

  @BeforeEach
  void newProject() {
    TestProject project = server().newProject();
    wire = new Wire(server().endpoint(), server().newUserToken(project).userToken());
  }

  @Test
  void uploadCommitsWhenEveryPutLandedAndPairsIdsInRequestOrder() {
    List<String> ids =
        wire.upload(
            List.of("Shakespeare/hamlet.txt", "/Shakespeare/lear.txt", "/top.txt"),
            List.of("to be".getBytes(UTF_8), "nothing".getBytes(UTF_8), "t".getBytes(UTF_8)));

    assertThat(ids)
        .containsExactly("/Shakespeare/hamlet.txt:1", "/Shakespeare/lear.txt:1", "/top.txt:1");
  }

  @Test
  void samePathTwiceInOneSessionMakesTwoVersionsInOrder() {
    List<String> ids =
        wire.upload(
            List.of("/a.txt", "/a.txt"), List.of("one".getBytes(UTF_8), "two".getBytes(UTF_8)));
    JsonNode versions = wire.get("/storage/list_file_versions", "path", "/a.txt").json();

    assertThat(ids).containsExactly("/a.txt:1", "/a.txt:2");
    assertThat(versions).hasSize(2);
    assertThat(versions.get(1).get("size").asLong()).isEqualTo(3);
    assertThat(download("/a.txt:1")).isEqualTo("one");
    assertThat(download("/a.txt")).isEqualTo("two");
  }

  @Test
  void emptyFileSurvivesTheOriginalClientsDoublePut() {
    Http.Answer started =
        wire.post("/storage/start_file_upload_session", Map.of("paths", List.of("/empty")));
    String url = started.json().at("/files/0/s3_url").asText();

    assertThat(Wire.put(url, new byte[0]).status()).isEqualTo(200);
    assertThat(Wire.put(url, new byte[0]).status()).isEqualTo(200);
    Http.Answer polled =
        wire.get(
            "/storage/poll_file_upload_session",
            "session_id",
            started.json().get("session_id").asText());

    assertThat(polled.json().get("committed").asBoolean()).isTrue();
    assertThat(download("/empty")).isEmpty();
    assertThat(
            wire.post(
                    "/storage/finish_file_upload_session",
                    Map.of("session_id", started.json().get("session_id").asText()))
                .status())
        .isEqualTo(200);
  }

  @Test
  void listDirectoryShowsDirectChildrenWithLatestVersions() {
    wire.upload(
        List.of("/d/x.txt", "/d/x.txt", "/d/sub/y.txt"),
        List.of(new byte[1], new byte[2], new byte[3]));

    JsonNode root = wire.get("/storage/list_directory", "directory_path", "/").json();
    JsonNode dir = wire.get("/storage/list_directory", "directory_path", "d").json();

    assertThat(root.get(0).get("path").asText()).isEqualTo("d");
    assertThat(root.get(0).get("is_dir").asBoolean()).isTrue();
    assertThat(dir).hasSize(2);
    assertThat(dir.get(0).get("path").asText()).isEqualTo("sub");
    assertThat(dir.get(1).get("path").asText()).isEqualTo("x.txt");
    assertThat(dir.get(1).get("version").asInt()).isEqualTo(2);
    assertThat(wire.get("/storage/list_directory", "directory_path", "/nope").status())
        .isEqualTo(404);
  }

  @Test
  void resolveVaguePathKnowsFilesDirectoriesAndFileSets() {
    wire.upload(List.of("/r/f.txt"), List.of(new byte[1]));
    wire.post("/storage/create_file_set", Map.of("name", "myset", "files", List.of("/r/f.txt")));

    assertThat(
            wire.get("/storage/resolve_vague_path", "vague_path", "/r/f.txt")
                .json()
                .get("id")
                .asText())
        .isEqualTo("/r/f.txt:1");
    assertThat(
            wire.get("/storage/resolve_vague_path", "vague_path", "/r")
                .json()
                .get("is_dir")
                .asBoolean())
        .isTrue();
    assertThat(
            wire.get("/storage/resolve_vague_path", "vague_path", "myset")
                .json()
                .get("id")
                .asText())
        .isEqualTo("myset:1");
    assertThat(wire.get("/storage/resolve_vague_path", "vague_path", "/r/f.txt:7").status())
        .isEqualTo(404);
  }

  @Test
  void fileSetsResolveFlattenAndDownload() {
    wire.upload(
        List.of("/s/a.txt", "/s/b.txt", "/s/a.txt"),
        List.of("a1".getBytes(UTF_8), "b".getBytes(UTF_8), "a2".getBytes(UTF_8)));

    JsonNode first =
        wire.post(
                "/storage/create_file_set", Map.of("name", "base", "files", List.of("/s/a.txt:1")))
            .json();
    JsonNode nested =
        wire.post(
                "/storage/create_file_set",
                Map.of("name", "all", "files", List.of("@base", "/s/b.txt")))
            .json();
    JsonNode again =
        wire.post("/storage/create_file_set", Map.of("name", "base", "files", List.of("/s/a.txt")))
            .json();
    JsonNode download = wire.get("/storage/download_file_set", "vague_name", "all").json();

    assertThat(first.get("id").asText()).isEqualTo("base:1");
    assertThat(nested.get("files"))
        .extracting(JsonNode::asText)
        .containsExactly("/s/a.txt:1", "/s/b.txt:1");
    assertThat(nested.get("sources")).extracting(JsonNode::asText).containsExactly("base:1");
    assertThat(again.get("id").asText()).isEqualTo("base:2");
    assertThat(
            wire.get("/storage/resolve_file_set", "vague_name", "base")
                .json()
                .get("files")
                .get(0)
                .asText())
        .isEqualTo("/s/a.txt:2");
    assertThat(download.get("files").get(0).get("path").asText()).isEqualTo("/s/a.txt");
    assertThat(fetch(download.get("files").get(0).get("url").asText())).isEqualTo("a1");
    assertThat(wire.get("/storage/list_file_sets").json())
        .extracting(JsonNode::asText)
        .containsExactly("all", "base");
    assertThat(
            wire.get("/storage/list_file_set_versions", "name", "base")
                .json()
                .get(1)
                .get("id")
                .asText())
        .isEqualTo("base:2");
  }

  @Test
  void fileSetDownloadSignsOnlyMembersOfUrlMinSizeOrMore() {
    wire.uploadFileSet(
        "mixed",
        List.of("/u/small.txt", "/u/big.txt"),
        List.of("abc".getBytes(UTF_8), "0123456789".getBytes(UTF_8)));

    JsonNode every = wire.get("/storage/download_file_set", "vague_name", "mixed").json();
    JsonNode bigOnly =
        wire.get("/storage/download_file_set", "vague_name", "mixed", "url_min_size", "4").json();
    JsonNode exact =
        wire.get("/storage/download_file_set", "vague_name", "mixed", "url_min_size", "10").json();

    assertThat(every.get("files"))
        .allSatisfy(entry -> assertThat(entry.get("url").isNull()).isFalse());
    assertThat(bigOnly.get("id").asText()).isEqualTo("mixed:1");
    // Members in path order: big.txt, then small.txt.
    assertThat(bigOnly.at("/files/1/path").asText()).isEqualTo("/u/small.txt");
    assertThat(bigOnly.at("/files/1/size").asLong()).isEqualTo(3);
    assertThat(bigOnly.at("/files/1/url").isNull()).isTrue();
    assertThat(fetch(bigOnly.at("/files/0/url").asText())).isEqualTo("0123456789");
    assertThat(exact.at("/files/0/url").isNull()).isFalse();
    assertThat(exact.at("/files/1/url").isNull()).isTrue();
    for (String bad : List.of("-1", "many", "1.5")) {
      Http.Answer answer =
          wire.get("/storage/download_file_set", "vague_name", "mixed", "url_min_size", bad);
      assertThat(answer.status()).as(bad).isEqualTo(400);
      assertThat(answer.json().at("/error/message").asText()).as(bad).contains("url_min_size");
    }
  }

  @Test
  void unknownFileSetMemberIs404NamingItAndCreatesNothing() {
    wire.upload(List.of("/k.txt"), List.of(new byte[1]));

    Http.Answer missingFile =
        wire.post(
            "/storage/create_file_set",
            Map.of("name", "x", "files", List.of("/k.txt", "/missing.csv:3")));
    Http.Answer missingSet =
        wire.post(
            "/storage/create_file_set", Map.of("name", "x", "files", List.of("/k.txt", "@ghost")));

    assertThat(missingFile.status()).isEqualTo(404);
    assertThat(missingFile.json().at("/error/message").asText()).contains("/missing.csv:3");
    assertThat(missingSet.status()).isEqualTo(404);
    assertThat(missingSet.json().at("/error/message").asText()).contains("ghost");
    assertThat(wire.get("/storage/list_file_sets").json()).isEmpty();
  }

  @Test
  void badFileSetNamesAre400() {
    wire.upload(List.of("/n.txt"), List.of(new byte[1]));
    for (String name : List.of("a:b", "@x", "", "a/b", "x".repeat(200))) {
      assertThat(
              wire.post(
                      "/storage/create_file_set", Map.of("name", name, "files", List.of("/n.txt")))
                  .status())
          .as(name)
          .isEqualTo(400);
    }
  }

  @Test
  void fiftyConcurrentUploadsToOnePathGetVersionsOneToFifty() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<Future<List<String>>> uploads = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        byte[] content = ("v" + i).getBytes(UTF_8);
        uploads.add(pool.submit(() -> wire.upload(List.of("/hot.txt"), List.of(content))));
      }
      List<Integer> versions = new ArrayList<>();
      for (Future<List<String>> upload : uploads) {
        String id = upload.get().get(0);
        versions.add(Integer.parseInt(id.substring(id.lastIndexOf(':') + 1)));
      }
      assertThat(versions)
          .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 50).boxed().toList());
      assertThat(wire.get("/storage/list_file_versions", "path", "/hot.txt").json()).hasSize(50);
    } finally {
      pool.shutdownNow();
    }
  }

  private String download(String path) {
    return fetch(wire.get("/storage/download_file", "path", path).json().get("s3_url").asText());
  }

  private static String fetch(String url) {
    Http.Answer answer = Http.get(java.net.URI.create(url), "");
    assertThat(answer.status()).isEqualTo(200);
    return answer.text();
  }
}
