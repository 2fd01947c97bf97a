package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.ServiceUnavailableException;
import org.acai.api.storage.BatchFormat;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilePair;
import org.acai.sdk.FilesList;
import org.acai.sdk.internal.Transport;
import org.acai.sdk.transfer.BatchTransfers;
import org.acai.sdk.transfer.ParallelParts;
import org.acai.sdk.transfer.TransferOptions;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Batch uploads and downloads of small files on the local blob store. */
class BatchTransferTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private TestProject project;
  private String token;
  private AcaiClient client;

  @BeforeEach
  void newUser() {
    project = SERVER.newProject();
    token = SERVER.newUserToken(project).userToken();
    client = AcaiClient.connect(SERVER.endpoint(), token);
  }

  @Test
  void manySmallFilesGoInOneSegmentInRequestOrderAndComeBackIdentical() throws Exception {
    long segmentsBefore = segmentFiles();
    List<FilePair> pairs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Path file = write("f" + i + ".txt", ("content " + i + " " + "x".repeat(i)).getBytes(UTF_8));
      pairs.add(new FilePair(file.toString(), "/batch/f" + i + ".txt"));
    }
    pairs.add(new FilePair(pairs.get(0).local(), "/batch/f0.txt"));

    FilesList uploaded = client.files().upload(pairs);

    assertThat(uploaded.get(0).remote()).isEqualTo("/batch/f0.txt:1");
    assertThat(uploaded.get(299).remote()).isEqualTo("/batch/f299.txt:1");
    assertThat(uploaded.get(300).remote()).isEqualTo("/batch/f0.txt:2");
    assertThat(segmentFiles()).isEqualTo(segmentsBefore + 1);
    Path out = Files.createDirectories(dir.resolve("out"));
    Map<String, String> remoteToLocal = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      remoteToLocal.put("/batch/f" + i + ".txt", out.toString());
    }
    client.files().download(remoteToLocal);
    for (int i = 0; i < 300; i++) {
      assertThat(out.resolve("f" + i + ".txt"))
          .hasSameBinaryContentAs(Path.of(pairs.get(i).local()));
    }
  }

  @Test
  void batchRefusalsComeBackAsTheServersErrorsAndNothingIsCommitted() throws Exception {
    BatchTransfers batches = new BatchTransfers(new Transport(SERVER.endpoint(), token));
    List<Path> files =
        List.of(write("a.txt", "a".getBytes(UTF_8)), write("b.txt", "b".getBytes(UTF_8)));

    assertThatThrownBy(
            () ->
                batches.upload(
                    files,
                    List.of("/refused/a.txt", "/refused/../b.txt"),
                    TransferOptions.defaults()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("..");
    assertThatThrownBy(() -> client.files().listDir("/refused"))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(
            () ->
                batches.download(
                    List.of("/missing/a.txt:1", "/missing/b.txt:1"),
                    List.of(dir.resolve("a.out"), dir.resolve("b.out")),
                    TransferOptions.defaults()))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("/missing/a.txt");
    assertThat(dir.resolve("a.out")).doesNotExist();
  }

  /**
   * Every rule of a path holds in a batch, for printable ASCII paths (which the server checks on a
   * shorter road) as for the others; nothing of a refused batch is committed.
   */
  @Test
  void everyPathRuleRefusesABatch() throws Exception {
    BatchTransfers batches = new BatchTransfers(new Transport(SERVER.endpoint(), token));
    List<Path> files =
        List.of(write("ok.txt", "ok".getBytes(UTF_8)), write("bad.txt", "bad".getBytes(UTF_8)));
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put("/rules/./b", "'.' and '..' are not allowed");
    refusals.put("/rules/b/..", "'.' and '..' are not allowed");
    refusals.put("/rules//b", "empty segment");
    refusals.put("/rules/" + "n".repeat(256), "a name is longer than 255 bytes");
    refusals.put("/rules/" + "\u00e9".repeat(128), "a name is longer than 255 bytes");
    refusals.put("/rules" + "/d".repeat(512), "longer than 1024 bytes");
    refusals.put("/rules/a\\b", "backslashes are not allowed");
    refusals.put("/rules/a:b", "':' is reserved for versions");
    refusals.put("/rules/a\tb", "control characters are not allowed");
    refusals.put("/rules/a\u007fb", "control characters are not allowed");
    refusals.put("/rules/invoice\u202efdp.exe", "bidirectional formatting character U+202E");
    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      assertThatThrownBy(
              () ->
                  batches.upload(
                      files,
                      List.of("/rules/ok.txt", refusal.getKey()),
                      TransferOptions.defaults()))
          .as(refusal.getKey())
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(refusal.getValue());
    }
    assertThatThrownBy(() -> client.files().listDir("/rules"))
        .isInstanceOf(NoSuchFileException.class);

    batches.upload(
        files,
        List.of("rules/" + "n".repeat(255), "/rules/e\u0301t\u00e9"),
        TransferOptions.defaults());
    assertThat(client.files().listDir("/rules"))
        .extracting(entry -> entry.path())
        .containsExactlyInAnyOrder("n".repeat(255), "\u00e9t\u00e9");
  }

  @Test
  void aBatchToAServerThatIsNotThereSaysSo() throws Exception {
    URI nowhere;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    BatchTransfers batches = new BatchTransfers(new Transport(nowhere, token));
    List<Path> files =
        List.of(write("a.txt", "a".getBytes(UTF_8)), write("b.txt", "b".getBytes(UTF_8)));

    assertThatThrownBy(
            () -> batches.upload(files, List.of("/a.txt", "/b.txt"), TransferOptions.defaults()))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessage("Cannot reach the ACAI server at " + nowhere + ": connection refused");
    assertThatThrownBy(
            () ->
                batches.download(
                    List.of("/a.txt:1"), List.of(dir.resolve("a.out")), TransferOptions.defaults()))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessage("Cannot reach the ACAI server at " + nowhere + ": connection refused");
  }

  @Test
  void aLargeUploadGoesInParallelBatchesWithIdsInRequestOrderAndOneProgressTotal()
      throws Exception {
    long segmentsBefore = segmentFiles();
    List<FilePair> pairs = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; i < 4500; i++) {
      byte[] content = ("parallel " + i + " " + "y".repeat(i % 50)).getBytes(UTF_8);
      bytes += content.length;
      pairs.add(new FilePair(write("p" + i + ".txt", content).toString(), "/par/p" + i + ".txt"));
    }
    List<long[]> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    TransferOptions options =
        TransferOptions.builder()
            .listener(
                (done, total, filesDone, filesTotal) ->
                    calls.add(new long[] {done, total, filesDone, filesTotal}))
            .build();

    FilesList uploaded = client.files().upload(pairs, null, options);

    for (int i = 0; i < 4500; i++) {
      assertThat(uploaded.get(i).remote()).isEqualTo("/par/p" + i + ".txt:1");
    }
    // One batch per stream (2 to 4, each of at least 1,000 files), each its own segment.
    assertThat(segmentFiles()).isEqualTo(segmentsBefore + ParallelParts.STREAMS);
    long whole = bytes;
    assertThat(calls.get(calls.size() - 1)).containsExactly(whole, whole, 4500, 4500);
    assertThat(calls).allSatisfy(call -> assertThat(call[0]).isBetween(0L, whole));
    assertThat(calls.stream().mapToLong(call -> call[2]).max().orElseThrow()).isEqualTo(4500);
    Path out = Files.createDirectories(dir.resolve("par-out"));
    Map<String, String> remoteToLocal = new LinkedHashMap<>();
    for (int i = 0; i < 4500; i += 7) {
      remoteToLocal.put("/par/p" + i + ".txt", out.toString());
    }
    client.files().download(remoteToLocal);
    for (int i = 0; i < 4500; i += 7) {
      assertThat(out.resolve("p" + i + ".txt"))
          .hasSameBinaryContentAs(Path.of(pairs.get(i).local()));
    }
  }

  @Test
  void aPathTwiceInALargeUploadGetsItsVersionsInListOrder() throws Exception {
    List<FilePair> pairs = new ArrayList<>();
    for (int i = 0; i < 2100; i++) {
      Path file = write("o" + i + ".txt", ("order " + i).getBytes(UTF_8));
      pairs.add(new FilePair(file.toString(), i % 700 == 0 ? "/ord/same.txt" : "/ord/o" + i));
    }

    FilesList uploaded = client.files().upload(pairs);

    assertThat(uploaded.get(0).remote()).isEqualTo("/ord/same.txt:1");
    assertThat(uploaded.get(700).remote()).isEqualTo("/ord/same.txt:2");
    assertThat(uploaded.get(1400).remote()).isEqualTo("/ord/same.txt:3");
    Path out = Files.createDirectories(dir.resolve("ord-out"));
    client.files().download(Map.of("/ord/same.txt", out.toString()));
    assertThat(out.resolve("same.txt")).hasContent("order 1400");
  }

  @Test
  void contentStoredAlreadyIsNotStoredAgain() throws Exception {
    Path file = write("same.txt", "the same bytes".getBytes(UTF_8));
    Path other = write("other.txt", "other bytes".getBytes(UTF_8));
    client.files().upload(List.of(new FilePair(file.toString(), "/dedup/a.txt")));
    long segments = segmentFiles();

    client
        .files()
        .upload(
            List.of(
                new FilePair(file.toString(), "/dedup/b.txt"),
                new FilePair(file.toString(), "/dedup/c.txt")));

    assertThat(segmentFiles()).isEqualTo(segments);
    client.files().upload(List.of(new FilePair(other.toString(), "/dedup/d.txt")));
    assertThat(segmentFiles()).isEqualTo(segments + 1);
  }

  @Test
  void aPackedBlobIsServedThroughItsPresignedUrlToo() throws Exception {
    Path file = write("url.txt", "served by url".getBytes(UTF_8));
    client
        .files()
        .upload(
            List.of(
                new FilePair(file.toString(), "/url/a.txt"),
                new FilePair(file.toString(), "/url/b.txt")));

    String url = presignedUrl("/url/a.txt");

    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("served by url");
  }

  @Test
  void bytesThatDoNotMatchTheirDigestCommitNothing() throws Exception {
    long segments = segmentFiles();
    byte[] stream =
        frames(List.of("/bad/ok.txt", "/bad/wrong.txt"), List.of("ok", "tampered"), "wrong");

    HttpResponse<String> response = postBatch(stream, token);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("invalid_request").contains("/bad/wrong.txt");
    assertThat(segmentFiles()).isEqualTo(segments);
    assertThat(client.files().listDir("/")).noneMatch(entry -> entry.path().equals("bad"));
  }

  @Test
  void aTruncatedStreamCommitsNothing() throws Exception {
    byte[] whole = frames(List.of("/cut/a.txt"), List.of("abcdefgh"), null);
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 5);

    HttpResponse<String> response = postBatch(cut, token);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("truncated");
    assertThat(client.files().listDir("/")).noneMatch(entry -> entry.path().equals("cut"));
  }

  @Test
  void aBatchNeedsABearerToken() throws Exception {
    HttpResponse<String> response =
        postBatch(frames(List.of("/t/a.txt"), List.of("a"), null), null);

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void anotherProjectCannotDownloadTheFiles() throws Exception {
    Path file = write("secret.txt", "project secret".getBytes(UTF_8));
    client
        .files()
        .upload(
            List.of(
                new FilePair(file.toString(), "/secret/a.txt"),
                new FilePair(file.toString(), "/secret/b.txt")));
    String stranger = SERVER.newUserToken(SERVER.newProject()).userToken();

    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(SERVER.endpoint().resolve("/storage/download_batch"))
                .header("Authorization", "Bearer " + stranger)
                .POST(HttpRequest.BodyPublishers.ofString("{\"paths\":[\"/secret/a.txt\"]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("no_such_file").doesNotContain("project secret");
  }

  private String presignedUrl(String path) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(SERVER.endpoint().resolve("/storage/download_file?path=" + path))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    java.util.regex.Matcher url =
        java.util.regex.Pattern.compile("\"s3_url\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
    assertThat(url.find()).as(answer.body()).isTrue();
    return url.group(1);
  }

  private static HttpResponse<String> postBatch(byte[] body, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(SERVER.endpoint().resolve("/storage/upload_batch"))
            .header("Content-Type", BatchFormat.MEDIA_TYPE)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A batch stream; {@code badDigestFor} names content whose declared digest is wrong. */
  private static byte[] frames(List<String> paths, List<String> contents, String badDigestFor)
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(BatchFormat.UPLOAD_MAGIC);
    for (int i = 0; i < paths.size(); i++) {
      byte[] name = paths.get(i).getBytes(UTF_8);
      byte[] content = contents.get(i).getBytes(UTF_8);
      String hashed = contents.get(i).equals("tampered") ? badDigestFor : contents.get(i);
      out.writeByte(BatchFormat.FILE);
      out.writeShort(name.length);
      out.write(name);
      out.writeLong(content.length);
      out.write(MessageDigest.getInstance("SHA-256").digest(hashed.getBytes(UTF_8)));
      out.write(content);
    }
    out.writeByte(BatchFormat.END);
    return bytes.toByteArray();
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private static long segmentFiles() throws IOException {
    Path segments = SERVER.home().resolve("blobs/segments");
    if (!Files.isDirectory(segments)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(segments)) {
      return files.count();
    }
  }
}
