package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.acai.api.error.ConflictException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.NoSuchFileSetException;
import org.acai.api.storage.CreateFileSetFromDraftRequest;
import org.acai.api.storage.FileSetContent;
import org.acai.api.storage.FileSetDraft;
import org.acai.api.storage.FileSetVersionInfo;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilePair;
import org.acai.sdk.FilesList;
import org.acai.sdk.internal.Transport;
import org.acai.sdk.transfer.BatchTransfers;
import org.acai.sdk.transfer.TransferOptions;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * File-set drafts: an upload for a file set adds the set's members in its batches' transactions,
 * and the set is then made from the draft. The set must equal one made from the ids; a draft is its
 * opener's alone, used once, holds one version per path, and GC removes it when it expires.
 */
class FileSetDraftTest {
  @RegisterExtension
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension().withEnv(() -> GcContract.GC_NOW);

  @TempDir Path dir;
  private TestProject project;
  private String token;
  private AcaiClient client;
  private Transport transport;

  @BeforeEach
  void newUser() {
    project = SERVER.newProject();
    token = SERVER.newUserToken(project).userToken();
    client = AcaiClient.connect(SERVER.endpoint(), token);
    transport = new Transport(SERVER.endpoint(), token);
  }

  /**
   * 2,500 small files (three parallel batches) and one past the batch limit (an upload session, not
   * in the draft): the set holds all, as does one made from the same ids the usual way.
   */
  @Test
  void setFromAnUploadsDraftEqualsTheSetMadeFromItsIds() throws Exception {
    List<FilePair> pairs = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      pairs.add(pair("small" + i, "/d/s" + i + ".txt", ("small " + i).getBytes(UTF_8)));
    }
    pairs.add(pair("big", "/d/big.bin", new byte[(1 << 20) + 5]));
    long draftsBefore = drafts();

    FilesList uploaded = client.files().uploadForFileSet(pairs, TransferOptions.defaults());
    assertThat(drafts()).isEqualTo(draftsBefore + 1);
    FileSetContent drafted = uploaded.asNewFileSet("drafted");
    FileSetContent plain =
        client.fileSets().createFileSet("plain", uploaded.stream().map(FilePair::remote).toList());

    assertThat(drafts()).isEqualTo(draftsBefore);
    assertThat(drafted.id()).isEqualTo("drafted:1");
    assertThat(drafted.files()).hasSize(2501).isEqualTo(plain.files());
    assertThat(client.fileSets().listFileSetContent("drafted").files()).isEqualTo(plain.files());
    FileSetVersionInfo info = client.fileSets().listFileSetVersions("drafted").get(0);
    FileSetVersionInfo expected = client.fileSets().listFileSetVersions("plain").get(0);
    assertThat(info.fileCount()).isEqualTo(2501);
    assertThat(info.totalSize()).isEqualTo(expected.totalSize());
    assertThat(client.meta().getMeta("fileset", List.of("drafted:1")).get(0))
        .containsEntry("__file_count__", 2501)
        .containsEntry("__size__", (int) expected.totalSize());
    Path out = Files.createDirectories(dir.resolve("out"));
    client.fileSets().downloadFileSet("drafted", out);
    assertThat(out.resolve("d/s2499.txt")).hasContent("small 2499");
    assertThat(out.resolve("d/big.bin")).hasSize((1 << 20) + 5);
  }

  @Test
  void listChangedAfterTheUploadMakesItsSetFromItsIds() throws Exception {
    List<FilePair> pairs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      pairs.add(pair("c" + i, "/c/" + i + ".txt", ("c" + i).getBytes(UTF_8)));
    }
    FilesList uploaded = client.files().uploadForFileSet(pairs, TransferOptions.defaults());
    uploaded.remove(1);

    FileSetContent set = uploaded.asNewFileSet("changed");

    assertThat(set.files()).containsExactly("/c/0.txt:1", "/c/2.txt:1");
  }

  @Test
  void draftIsItsOpenersAloneAndUsedOnce() throws Exception {
    FileSetDraft draft = open(transport);
    List<Path> one = List.of(file("one", "one"));
    BatchTransfers mine = new BatchTransfers(transport);
    for (String other :
        List.of(
            SERVER.newUserToken(project).userToken(),
            SERVER.newUserToken(SERVER.newProject()).userToken())) {
      Transport as = new Transport(SERVER.endpoint(), other);
      assertThatThrownBy(() -> upload(new BatchTransfers(as), one, "/x/one.txt", draft.draftId()))
          .isInstanceOf(NoSuchFileSetException.class)
          .hasMessageContaining("No such file set draft");
      assertThatThrownBy(() -> createFromDraft(as, draft))
          .isInstanceOf(NoSuchFileSetException.class);
    }
    assertThatThrownBy(() -> client.files().listDir("/x")).isInstanceOf(NoSuchFileException.class);
    assertThat(upload(mine, one, "/x/one.txt", draft.draftId())).containsExactly("/x/one.txt:1");
    FileSetVersionInfo made = createFromDraft(transport, draft);

    assertThat(made.id()).isEqualTo("fromdraft:1");
    assertThat(made.fileCount()).isEqualTo(1);
    assertThatThrownBy(() -> createFromDraft(transport, draft))
        .isInstanceOf(NoSuchFileSetException.class);
    assertThatThrownBy(() -> upload(mine, one, "/x/late.txt", draft.draftId()))
        .isInstanceOf(NoSuchFileSetException.class);
    assertThatThrownBy(() -> client.files().listDir("/x/late.txt"))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(client.fileSets().listFileSetContent("fromdraft").files())
        .containsExactly("/x/one.txt:1");
  }

  @Test
  void samePathTwiceInADraftIsRefusedAndCommitsNothing() throws Exception {
    FileSetDraft draft = open(transport);
    BatchTransfers batches = new BatchTransfers(transport);
    upload(batches, List.of(file("first", "first")), "/twice.txt", draft.draftId());

    assertThatThrownBy(
            () -> upload(batches, List.of(file("second", "second")), "/twice.txt", draft.draftId()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("one version per path");
    assertThat(client.files().listFileVersions("/twice.txt")).hasSize(1);
    assertThatThrownBy(
            () ->
                transport.post(
                    "/storage/create_file_set_from_draft",
                    new CreateFileSetFromDraftRequest(
                        "clash", draft.draftId(), List.of("/twice.txt:1", "/other.txt")),
                    FileSetVersionInfo.class))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(createFromDraft(transport, draft).fileCount()).isEqualTo(1);
  }

  /**
   * Batches that commit into a draft while the set is made from it: each either lands before (its
   * files are in the set, counted in its document) or is refused whole; the set never changes after
   * it is made.
   */
  @Test
  void batchesRacingTheSetEitherLandInItOrAreRefusedWhole() throws Exception {
    FileSetDraft draft = open(transport);
    BatchTransfers batches = new BatchTransfers(transport);
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      files.add(file("r" + i, "race " + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<List<String>>> sent = new ArrayList<>();
    try {
      for (int b = 0; b < 20; b++) {
        int batch = sent.size();
        sent.add(pool.submit(() -> raceBatch(batches, draft, files, batch)));
      }
      while (sent.stream().noneMatch(Future::isDone)) {
        Thread.sleep(5);
      }
      FileSetVersionInfo made = createFromDraft(transport, draft);
      // These start after the set was made, whatever the timing: each must be refused.
      for (int b = 0; b < 4; b++) {
        int batch = sent.size();
        sent.add(pool.submit(() -> raceBatch(batches, draft, files, batch)));
      }
      List<String> landed = new ArrayList<>();
      int refused = 0;
      for (int b = 0; b < sent.size(); b++) {
        try {
          landed.addAll(sent.get(b).get());
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(NoSuchFileSetException.class);
          refused++;
          int batch = b;
          assertThatThrownBy(() -> client.files().listDir("/race/b" + batch))
              .isInstanceOf(NoSuchFileException.class);
        }
      }
      assertThat(landed).isNotEmpty();
      assertThat(refused).as("batches sent after the set was made").isGreaterThanOrEqualTo(4);
      assertThat(made.fileCount()).isEqualTo(landed.size());
      assertThat(client.fileSets().listFileSetContent("fromdraft").files())
          .containsExactlyInAnyOrderElementsOf(landed);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One racing batch, its files under {@code /race/bN/}. */
  private static List<String> raceBatch(
      BatchTransfers batches, FileSetDraft draft, List<Path> files, int batch) {
    List<String> remotes = new ArrayList<>();
    files.forEach(f -> remotes.add("/race/b" + batch + "/" + f.getFileName()));
    return batches.upload(files, remotes, 0, draft.draftId(), TransferOptions.defaults());
  }

  @Test
  void malformedDraftIdIsABadRequest() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(SERVER.endpoint().resolve("/storage/upload_batch?draft=x1"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(""))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("Invalid draft");
  }

  /**
   * A draft pins its versions against a purge until it expires; then GC removes it and its members,
   * and the purge takes the versions.
   */
  @Test
  void expiredDraftGoesAtGcAndNoLongerPinsItsVersions() throws Exception {
    FileSetDraft draft = open(transport);
    upload(
        new BatchTransfers(transport), List.of(file("pin", "pinned")), "/pin.txt", draft.draftId());
    client.trash().deleteFile("/pin.txt");
    AcaiClient admin = AcaiClient.connect(SERVER.endpoint(), SERVER.adminToken());

    admin.admin().gc();
    assertThat(versionRows("/pin.txt")).isEqualTo(1);
    SERVER.withDatabase(
        handle ->
            handle
                .createUpdate(
                    "UPDATE file_set_drafts SET expires_at = now() - interval '1 second'"
                        + " WHERE id = :id")
                .bind("id", draft.draftId())
                .execute());
    admin.admin().gc();

    assertThat(versionRows("/pin.txt")).isZero();
    assertThat(count("SELECT count(*) FROM file_set_members WHERE file_set_id = :id", draft))
        .isZero();
    assertThatThrownBy(() -> createFromDraft(transport, draft))
        .isInstanceOf(NoSuchFileSetException.class);
  }

  @Test
  void projectWithAnOpenDraftCanBeRemoved() throws Exception {
    FileSetDraft draft = open(transport);
    upload(
        new BatchTransfers(transport), List.of(file("gone", "gone")), "/gone.txt", draft.draftId());
    AcaiClient admin = AcaiClient.connect(SERVER.endpoint(), SERVER.adminToken());

    admin.admin().deleteProject(project.name());

    assertThat(count("SELECT count(*) FROM file_set_drafts WHERE id = :id", draft)).isZero();
    assertThat(count("SELECT count(*) FROM file_set_members WHERE file_set_id = :id", draft))
        .isZero();
  }

  private static FileSetDraft open(Transport as) {
    return as.post("/storage/open_file_set_draft", Map.of(), FileSetDraft.class);
  }

  private static FileSetVersionInfo createFromDraft(Transport as, FileSetDraft draft) {
    return as.post(
        "/storage/create_file_set_from_draft",
        new CreateFileSetFromDraftRequest("fromdraft", draft.draftId(), null),
        FileSetVersionInfo.class);
  }

  private static List<String> upload(
      BatchTransfers batches, List<Path> files, String remote, long draft) {
    return batches.upload(files, List.of(remote), 0, draft, TransferOptions.defaults());
  }

  private FilePair pair(String local, String remote, byte[] content) throws IOException {
    return new FilePair(Files.write(dir.resolve(local), content).toString(), remote);
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static long count(String sql, FileSetDraft draft) {
    return SERVER.withDatabase(
        handle -> handle.createQuery(sql).bind("id", draft.draftId()).mapTo(Long.class).one());
  }

  private static long drafts() {
    return SERVER.withDatabase(
        handle ->
            handle.createQuery("SELECT count(*) FROM file_set_drafts").mapTo(Long.class).one());
  }

  private long versionRows(String path) {
    return SERVER.withDatabase(
        handle ->
            handle
                .createQuery(
                    "SELECT count(*) FROM file_versions WHERE project_id = (SELECT id FROM projects"
                        + " WHERE name = :project) AND path = :path")
                .bind("project", project.name())
                .bind("path", path)
                .mapTo(Long.class)
                .one());
  }
}
