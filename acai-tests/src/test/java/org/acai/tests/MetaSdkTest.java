package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.Condition;
import org.acai.sdk.FilePair;
import org.acai.sdk.MetaClient;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Meta and Condition of the seed API through the Java SDK. */
class MetaSdkTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir Path dir;

  @Test
  void seedWorkflowFindsTheBestModelOutput() throws Exception {
    AcaiClient client = SERVER.newUser(SERVER.newProject());
    Files.writeString(dir.resolve("m.bin"), "weights");
    client
        .files()
        .upload(Map.of(dir.resolve("m.bin").toString(), "/models/a.bin"))
        .asNewFileSet("run-a");
    client
        .files()
        .upload(Map.of(dir.resolve("m.bin").toString(), "/models/b.bin"))
        .asNewFileSet("run-b");
    MetaClient meta = client.meta();
    meta.updateFileSetMeta("run-a", List.of("cnn"), Map.of("model", "cnn", "accuracy", 0.8));
    meta.updateFileSetMeta(
        "run-b", List.of(), Map.of("model", "cnn", "accuracy", 0.9, "tags", List.of("best")));
    meta.updateFileMeta("/models/a.bin", List.of("weights"), Map.of("epochs", 0));

    List<Map<String, Object>> best =
        meta.findFileSet(Condition.of("model").value("cnn"), Condition.of("accuracy").max());
    List<Map<String, Object>> regex = meta.findFileSet(Condition.of("model").re().value("^c.n$"));
    List<Map<String, Object>> regexAfter =
        meta.findFileSet(Condition.of("model").value("^c.n$").re());
    List<Map<String, Object>> literal = meta.findFileSet(Condition.of("model").value("^c.n$"));
    List<Map<String, Object>> zero = meta.findFile(Condition.of("epochs").value(0));
    List<Map<String, Object>> files = meta.getFileMeta("/models/a.bin:1", "/models/b.bin");

    assertThat(best).extracting(doc -> doc.get("_id")).containsExactly("run-b:1");
    assertThat(regex).hasSize(2);
    assertThat(regexAfter).extracting(doc -> doc.get("_id")).containsExactly("run-a:1", "run-b:1");
    assertThat(literal).isEmpty();
    assertThat(zero).extracting(doc -> doc.get("_id")).containsExactly("/models/a.bin:1");
    assertThat(files.get(0).get("tags")).isEqualTo(List.of("weights"));
    assertThat(files.get(1).get("__size__")).isEqualTo(7);
    assertThat(meta.delFileSetMeta("run-b", List.of("best"), List.of("accuracy")))
        .doesNotContainKey("accuracy");
  }

  /**
   * Every system key of a file answers equality, whichever index serves it (most are outside the
   * containment index), and only a value of the key's own kind matches.
   */
  @Test
  void equalityOnEachSystemKeyOfAFileFindsExactlyThatFile() throws Exception {
    AcaiClient client = SERVER.newUser(SERVER.newProject());
    Files.writeString(dir.resolve("a.bin"), "alpha");
    Files.writeString(dir.resolve("b.bin"), "bravo!");
    client.files().upload(Map.of(dir.resolve("a.bin").toString(), "/sys/a.bin"));
    client.files().upload(Map.of(dir.resolve("b.bin").toString(), "/sys/b.bin"));
    client.files().upload(Map.of(dir.resolve("b.bin").toString(), "/sys/a.bin"));
    MetaClient meta = client.meta();
    meta.updateFileMeta("/sys/b.bin", List.of("mark"), Map.of("score", 3));
    Map<String, Object> second = meta.getFileMeta("/sys/a.bin:2").get(0);
    Map<String, Object> other = meta.getFileMeta("/sys/b.bin:1").get(0);

    for (String key :
        List.of(
            "_id",
            "__full_path__",
            "__version__",
            "__size__",
            "__sha256__",
            "__creator_id__",
            "__create_time__")) {
      List<Object> expected =
          meta.findFile(Condition.of("_id").re().value(".*")).stream()
              .filter(doc -> doc.get(key).equals(second.get(key)))
              .map(doc -> doc.get("_id"))
              .toList();
      assertThat(meta.findFile(Condition.of(key).value(second.get(key))))
          .as(key)
          .extracting(doc -> doc.get("_id"))
          .containsExactlyInAnyOrderElementsOf(expected)
          .contains("/sys/a.bin:2");
    }
    assertThat(meta.findFile(Condition.of("__type__").value("file"))).hasSize(3);
    assertThat(meta.findFile(Condition.of("__type__").value("fileset"))).isEmpty();
    assertThat(meta.findFile(Condition.of("__size__").value(6.0)))
        .extracting(doc -> doc.get("_id"))
        .containsExactlyInAnyOrder("/sys/a.bin:2", "/sys/b.bin:1");
    assertThat(meta.findFile(Condition.of("__size__").value("6"))).isEmpty();
    assertThat(meta.findFile(Condition.of("__version__").value(true))).isEmpty();
    assertThat(meta.findFile(Condition.of("__full_path__").value(7))).isEmpty();
    assertThat(meta.findFile(Condition.of("_id").value("/sys/a.bin"))).isEmpty();
    assertThat(
            meta.findFile(
                Condition.of("__full_path__").value("/sys/b.bin"),
                Condition.of("__size__").value(6)))
        .extracting(doc -> doc.get("_id"))
        .containsExactly(other.get("_id"));
    assertThat(meta.findFile(Condition.of("tags").value("mark"), Condition.of("__size__").max()))
        .extracting(doc -> doc.get("_id"))
        .containsExactly("/sys/b.bin:1");
    assertThat(
            meta.findFile(
                Condition.of("__sha256__").value(second.get("__sha256__")),
                Condition.of("__version__").max()))
        .extracting(doc -> doc.get("_id"))
        .containsExactly("/sys/a.bin:2");
  }

  @Test
  void getFileMetaIgnoresDirectoriesAndKeepsTheRequestOrder() throws Exception {
    AcaiClient client = SERVER.newUser(SERVER.newProject());
    Files.writeString(dir.resolve("x.txt"), "x");
    client
        .files()
        .upload(
            List.of(
                new FilePair(dir.resolve("x.txt").toString(), "/d/a.txt"),
                new FilePair(dir.resolve("x.txt").toString(), "/d/sub/b.txt")));

    List<Map<String, Object>> docs =
        client.meta().getFileMeta("/d/sub/b.txt", "/d/", "/d/sub", "/d/a.txt");

    assertThat(docs)
        .extracting(doc -> doc.get("_id"))
        .containsExactly("/d/sub/b.txt:1", "/d/a.txt:1");
    assertThat(client.meta().getFileMeta("/d/")).isEmpty();
  }

  @Test
  void conditionsAreCheckedLocally() {
    assertThat(Condition.of("k").value("x").re().toWire())
        .isEqualTo(Condition.of("k").re().value("x").toWire());
    assertThat(Condition.of("k").value("x").re().toWire().re()).isTrue();
    assertThatThrownBy(() -> Condition.of("k").value(3).re())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("must be a string");
    assertThatThrownBy(() -> Condition.of("k").max().re())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("re() applies to value()");
    assertThatThrownBy(() -> Condition.of("k").toWire())
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Condition.of("k").value(null))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(Condition.of("k").range(0, 1.5).toWire().value()).isEqualTo(List.of(0, 1.5));
  }
}
