package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.Condition;
import org.acai.sdk.MetaClient;
import org.acai.sdk.MetaPage;
import org.acai.sdk.MetaSearch;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Indexed ranges and extremes, sorting and cursor pagination of metadata queries, via the SDK. */
class MetaPagingSdkTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  private static final int FILES = 25;
  private static MetaClient meta;
  private static final List<String> IDS = new ArrayList<>();

  @BeforeAll
  static void uploadScoredFiles(@TempDir Path dir) throws Exception {
    AcaiClient client = SERVER.newUser(SERVER.newProject());
    Map<String, String> uploads = new LinkedHashMap<>();
    for (int i = 0; i < FILES; i++) {
      Path local = dir.resolve("f" + i);
      Files.writeString(local, "file " + i);
      uploads.put(local.toString(), String.format("/scores/f%02d", i));
    }
    client.files().upload(uploads);
    meta = client.meta();
    for (int i = 0; i < FILES; i++) {
      String id = String.format("/scores/f%02d:1", i);
      IDS.add(id);
      meta.updateFileMeta(id, List.of(), Map.of("score", i % 7, "rank", i));
    }
  }

  @Test
  void pagesInCreationOrderCoverEveryMatchOnce() {
    List<Object> seen = new ArrayList<>();
    MetaSearch search = meta.search(MetaClient.FILE).where(Condition.of("rank").range(-1, 1000));
    MetaPage page = search.pageSize(10).page();
    int pages = 1;
    seen.addAll(ids(page));
    while (page.hasMore()) {
      page = search.pageSize(10).after(page.nextCursor()).page();
      seen.addAll(ids(page));
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(IDS);
  }

  @Test
  void sortedPagesKeepTheOrderAcrossTies() {
    List<Map<String, Object>> all =
        meta.search(MetaClient.FILE)
            .where(Condition.of("score").range(-1, 6))
            .sort("-score")
            .pageSize(4)
            .all();
    assertThat(all).hasSize(FILES);
    assertThat(all).extracting(doc -> doc.get("_id")).doesNotHaveDuplicates();
    List<Integer> scores = all.stream().map(doc -> (Integer) doc.get("score")).toList();
    assertThat(scores).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
  }

  @Test
  void rangeIsStartExclusiveEndInclusive() {
    List<Map<String, Object>> found = meta.findFile(Condition.of("score").range(2, 4));
    assertThat(found).extracting(doc -> doc.get("score")).containsOnly(3, 4);
    assertThat(found).hasSize(7);
  }

  @Test
  void extremesReturnEveryTieAndCombineWithOtherConditions() {
    assertThat(meta.findFile(Condition.of("score").max()))
        .extracting(doc -> doc.get("_id"))
        .containsExactly("/scores/f06:1", "/scores/f13:1", "/scores/f20:1");
    assertThat(meta.findFile(Condition.of("score").value(3), Condition.of("rank").min()))
        .extracting(doc -> doc.get("_id"))
        .containsExactly("/scores/f03:1");
  }

  @Test
  void updatedNumbersAreWhatQueriesSee() {
    meta.updateFileMeta("/scores/f24:1", List.of(), Map.of("weight", 5));
    assertThat(meta.findFile(Condition.of("weight").range(4, 5))).hasSize(1);
    meta.updateFileMeta("/scores/f24:1", List.of(), Map.of("weight", 50));
    assertThat(meta.findFile(Condition.of("weight").range(4, 5))).isEmpty();
    assertThat(meta.findFile(Condition.of("weight").max()))
        .extracting(doc -> doc.get("weight"))
        .containsExactly(50);
    meta.delFileMeta("/scores/f24:1", List.of(), List.of("weight"));
    assertThat(meta.findFile(Condition.of("weight").max())).isEmpty();
  }

  @Test
  void badPagingIsRefused() {
    MetaSearch search = meta.search(MetaClient.FILE);
    String cursor = search.sort("score").pageSize(2).page().nextCursor();
    assertThat(cursor).isNotNull();
    assertThatThrownBy(() -> search.sort("rank").after(cursor).page())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("cursor");
    assertThatThrownBy(() -> search.after("not-a-cursor").page())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("cursor");
    assertThatThrownBy(() -> search.pageSize(0)).isInstanceOf(InvalidRequestException.class);
  }

  private static List<Object> ids(MetaPage page) {
    return page.docs().stream().map(doc -> doc.get("_id")).toList();
  }
}
