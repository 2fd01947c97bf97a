package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.acai.api.lifecycle.DeleteResult;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.Condition;
import org.acai.sdk.MetaClient;
import org.acai.sdk.MetaPage;
import org.acai.sdk.MetaSearch;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file version without user metadata has its document derived from the version (no stored row
 * until the first tag): its document, queries over plain and tagged files together, and the first
 * tags on it, via the SDK.
 */
class DerivedFileDocsSdkTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir Path dir;

  /** Uploads {@code count} files one commit each, so that their creation order is theirs. */
  private List<String> uploadOneByOne(AcaiClient client, String folder, int count)
      throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path local = dir.resolve(folder + i);
      Files.writeString(local, "x".repeat(i + 1));
      String remote = String.format("/%s/f%d", folder, i);
      client.files().upload(Map.of(local.toString(), remote));
      ids.add(remote + ":1");
    }
    return ids;
  }

  @Test
  void aPlainFilesDocumentHoldsItsSystemFieldsAndStaysTheSameOnceStored() throws Exception {
    AcaiClient client = SERVER.newUser(SERVER.newProject());
    Path local = dir.resolve("a.csv");
    byte[] bytes = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
    Files.write(local, bytes);
    long before = System.currentTimeMillis();
    client.files().upload(Map.of(local.toString(), "/d/a.csv"));
    long after = System.currentTimeMillis();

    Map<String, Object> derived = client.meta().getFileMeta("/d/a.csv").get(0);
    assertThat(derived)
        .containsOnlyKeys(
            "_id",
            "__type__",
            "__full_path__",
            "__version__",
            "__size__",
            "__sha256__",
            "__creator_id__",
            "__create_time__")
        .containsEntry("_id", "/d/a.csv:1")
        .containsEntry("__type__", "file")
        .containsEntry("__full_path__", "/d/a.csv")
        .containsEntry("__version__", 1)
        .containsEntry("__size__", bytes.length)
        .containsEntry(
            "__sha256__",
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    assertThat(((Number) derived.get("__create_time__")).longValue())
        .isBetween(before - 1000, after + 1000);

    Map<String, Object> stored =
        client.meta().updateFileMeta("/d/a.csv", List.of("raw"), Map.of("rows", 1));
    Map<String, Object> expected = new LinkedHashMap<>(derived);
    expected.put("tags", List.of("raw"));
    expected.put("rows", 1);
    assertThat(stored).isEqualTo(expected);
    assertThat(client.meta().getFileMeta("/d/a.csv:1").get(0)).isEqualTo(expected);
  }

  /**
   * Seven files of 1..7 bytes (file i has i + 1) in a new project, one commit each; files 1, 4 and
   * 6 tagged, so that they have stored documents and the others derived ones.
   */
  private List<String> mixedFiles(MetaClient[] meta) throws Exception {
    AcaiClient client = SERVER.newUser(SERVER.newProject());
    List<String> ids = uploadOneByOne(client, "mix", 7);
    meta[0] = client.meta();
    for (int i : new int[] {4, 1, 6}) {
      meta[0].updateFileMeta(ids.get(i), List.of("picked"), Map.of("n", i));
    }
    return ids;
  }

  @Test
  void pagesOfPlainAndTaggedFilesKeepTheCreationOrder() throws Exception {
    MetaClient[] client = new MetaClient[1];
    List<String> ids = mixedFiles(client);
    MetaClient meta = client[0];
    List<Object> paged = new ArrayList<>();
    MetaSearch search =
        meta.search(MetaClient.FILE).where(Condition.of("__full_path__").value("^/mix/").re());
    MetaPage page = search.pageSize(2).page();
    paged.addAll(page.docs().stream().map(doc -> doc.get("_id")).toList());
    while (page.hasMore()) {
      page = search.pageSize(2).after(page.nextCursor()).page();
      paged.addAll(page.docs().stream().map(doc -> doc.get("_id")).toList());
    }
    assertThat(paged).containsExactlyElementsOf(ids);

    assertThat(idsOf(meta.findFile(Condition.of("n").exists())))
        .containsExactly(ids.get(1), ids.get(4), ids.get(6));
    assertThat(idsOf(meta.findFile(Condition.of("tags").value("picked"))))
        .containsExactly(ids.get(1), ids.get(4), ids.get(6));
    List<String> reversed = new ArrayList<>(ids);
    Collections.reverse(reversed);
    assertThat(
            meta.search(MetaClient.FILE)
                .where(Condition.of("__full_path__").value("^/mix/").re())
                .sort("-__size__")
                .pageSize(3)
                .all())
        .extracting(doc -> doc.get("_id"))
        .containsExactlyElementsOf(reversed);
  }

  @Test
  void systemConditionsMatchPlainAndTaggedFilesAlike() throws Exception {
    MetaClient[] client = new MetaClient[1];
    List<String> ids = mixedFiles(client);
    MetaClient meta = client[0];
    assertThat(idsOf(meta.findFile(Condition.of("__size__").range(2, 5))))
        .containsExactly(ids.get(2), ids.get(3), ids.get(4));
    assertThat(idsOf(meta.findFile(Condition.of("__create_time__").range(-1e30, 1e30))))
        .containsExactlyElementsOf(ids);
    long third = ((Number) meta.getFileMeta(ids.get(3)).get(0).get("__create_time__")).longValue();
    List<Map<String, Object>> atThird =
        meta.findFile(Condition.of("__create_time__").range(third - 1, third));
    assertThat(idsOf(atThird)).contains(ids.get(3));
    assertThat(atThird)
        .allSatisfy(
            doc -> assertThat(((Number) doc.get("__create_time__")).longValue()).isEqualTo(third));
    assertThat(idsOf(meta.findFile(Condition.of("__size__").max()))).containsExactly(ids.get(6));
    assertThat(idsOf(meta.findFile(Condition.of("__size__").min()))).containsExactly(ids.get(0));
    assertThat(
            idsOf(
                meta.findFile(
                    Condition.of("__full_path__").value("^/mix/").re(),
                    Condition.of("__size__").max())))
        .containsExactly(ids.get(6));
    assertThat(idsOf(meta.findFile(Condition.of("_id").value(ids.get(3)))))
        .containsExactly(ids.get(3));
    assertThat(idsOf(meta.findFile(Condition.of("__full_path__").value("/mix/f4"))))
        .containsExactly(ids.get(4));
    Object digest = meta.getFileMeta(ids.get(5)).get(0).get("__sha256__");
    assertThat(idsOf(meta.findFile(Condition.of("__sha256__").value(digest))))
        .containsExactly(ids.get(5));
    assertThat(idsOf(meta.findFile(Condition.of("__size__").value("3")))).isEmpty();
  }

  @Test
  void aDeletedPlainFileLeavesQueriesUntilRestored() throws Exception {
    AcaiClient client = SERVER.newUser(SERVER.newProject());
    List<String> ids = uploadOneByOne(client, "gone", 2);
    Condition inFolder = Condition.of("__full_path__").value("^/gone/").re();

    DeleteResult deleted = client.trash().deleteFile(ids.get(0));
    assertThat(idsOf(client.meta().findFile(inFolder))).containsExactly(ids.get(1));

    client.trash().restore(deleted.trashId());
    assertThat(idsOf(client.meta().findFile(inFolder))).containsExactlyElementsOf(ids);
  }

  @Test
  void concurrentFirstTagsOnAPlainFileAllLand() throws Exception {
    AcaiClient client = SERVER.newUser(SERVER.newProject());
    String id = uploadOneByOne(client, "race", 1).get(0);
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Callable<Map<String, Object>>> tags = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String tag = "t" + i;
        tags.add(() -> client.meta().updateFileMeta(id, List.of(tag), Map.of()));
      }
      for (Future<Map<String, Object>> done : pool.invokeAll(tags)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Object> doc = client.meta().getFileMeta(id).get(0);
    assertThat(doc.get("tags"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(String.class))
        .containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7");
    assertThat(idsOf(client.meta().findFile(Condition.of("__full_path__").value("/race/f0"))))
        .containsExactly(id);
  }

  private static List<Object> idsOf(List<Map<String, Object>> docs) {
    return docs.stream().map(doc -> doc.get("_id")).toList();
  }
}
