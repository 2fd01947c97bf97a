package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The meta endpoints as the original client calls them. */
class MetaWireTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  private Wire wire;

  @BeforeEach
  void filesWithMetadata() {
    TestProject project = SERVER.newProject();
    wire = new Wire(SERVER.endpoint(), SERVER.newUserToken(project).userToken());
    wire.upload(
        List.of("/m/a.txt", "/m/b.txt", "/m/c.txt", "/m/d.txt"),
        List.of(
            "a".getBytes(UTF_8),
            "bb".getBytes(UTF_8),
            "ccc".getBytes(UTF_8),
            "dddd".getBytes(UTF_8)));
    meta(
        "/m/a.txt:1",
        Map.of("model", "cnn", "accuracy", 0.9, "epochs", 0, "tags", List.of("hotpot")));
    meta("/m/b.txt", Map.of("model", "cnn", "accuracy", 0.95, "flag", false, "note", ""));
    meta("/m/c.txt", Map.of("model", "rnn", "accuracy", 0.95, "tags", List.of("hotpot", "nlp")));
    meta("/m/d.txt", Map.of("model", "cnn-large", "accuracy", 0.5));
  }

  @Test
  void systemFieldsAndUserFieldsComeBack() {
    JsonNode docs =
        post("/meta/get_meta", Map.of("type", "file", "ids", List.of("/m/a.txt:1", "/m/c.txt")))
            .get("data");

    assertThat(docs.get(0).get("_id").asText()).isEqualTo("/m/a.txt:1");
    assertThat(docs.get(0).get("__size__").asLong()).isEqualTo(1);
    assertThat(docs.get(0).get("__full_path__").asText()).isEqualTo("/m/a.txt");
    assertThat(docs.get(0).get("__create_time__").asLong()).isPositive();
    assertThat(docs.get(0).get("model").asText()).isEqualTo("cnn");
    assertThat(docs.get(1).get("tags"))
        .extracting(JsonNode::asText)
        .containsExactly("hotpot", "nlp");
  }

  @Test
  void getFileMetaSkipsDirectoriesKeepsTheOrderAndSaysWhichItSkipped() {
    JsonNode answer =
        post(
            "/meta/get_meta",
            Map.of("type", "file", "ids", List.of("/m/c.txt", "/m/", "/m", "/m/a.txt:1", "/")));

    assertThat(ids(answer)).containsExactly("/m/c.txt:1", "/m/a.txt:1");
    assertThat(answer.get("ignored"))
        .extracting(JsonNode::asText)
        .containsExactly("/m/", "/m", "/");
    assertThat(
            post("/meta/get_meta", Map.of("type", "file", "ids", List.of("/m/a.txt")))
                .has("ignored"))
        .isFalse();
    assertThat(
            wire.post("/meta/get_meta", Map.of("type", "file", "ids", List.of("/m/", "/nope.txt")))
                .status())
        .isEqualTo(404);
  }

  @Test
  void valueConditionsTreatZeroFalseAndEmptyAsRealValues() {
    assertThat(ids(query(cond("epochs", "value", 0)))).containsExactly("/m/a.txt:1");
    assertThat(ids(query(cond("flag", "value", false)))).containsExactly("/m/b.txt:1");
    assertThat(ids(query(cond("note", "value", "")))).containsExactly("/m/b.txt:1");
    assertThat(ids(query(cond("tags", "value", "hotpot"))))
        .containsExactly("/m/a.txt:1", "/m/c.txt:1");
    assertThat(ids(query(cond("model", "value", "cnn"), cond("accuracy", "value", 0.95))))
        .containsExactly("/m/b.txt:1");
  }

  @Test
  void regexRangeMaxAndMin() {
    Map<String, Object> regex = cond("model", "value", "^cnn");
    regex.put("re", true);
    assertThat(ids(query(regex))).containsExactly("/m/a.txt:1", "/m/b.txt:1", "/m/d.txt:1");
    assertThat(ids(query(cond("accuracy", "range", List.of(0.5, 0.9)))))
        .containsExactly("/m/a.txt:1");
    assertThat(ids(query(cond("accuracy", "max", null))))
        .containsExactly("/m/b.txt:1", "/m/c.txt:1");
    assertThat(ids(query(cond("model", "value", "cnn"), cond("accuracy", "min", null))))
        .containsExactly("/m/a.txt:1");
    assertThat(ids(query(cond("__size__", "range", List.of(1, 3)))))
        .containsExactly("/m/b.txt:1", "/m/c.txt:1");
  }

  @Test
  void systemNumbersAnswerRangesAndExtremesAloneAndCombined() {
    wire.upload(List.of("/m/b.txt"), List.of("bbbbb".getBytes(UTF_8)));

    assertThat(ids(query(cond("__size__", "max", null)))).containsExactly("/m/b.txt:2");
    assertThat(ids(query(cond("__size__", "min", null)))).containsExactly("/m/a.txt:1");
    assertThat(ids(query(cond("__version__", "max", null)))).containsExactly("/m/b.txt:2");
    assertThat(ids(query(cond("__version__", "range", List.of(0, 1)))))
        .containsExactly("/m/a.txt:1", "/m/b.txt:1", "/m/c.txt:1", "/m/d.txt:1");
    // Combined: the extreme among the documents the other conditions leave.
    assertThat(ids(query(cond("model", "value", "cnn"), cond("__size__", "max", null))))
        .containsExactly("/m/b.txt:1");
    assertThat(ids(query(cond("__size__", "range", List.of(1, 4)), cond("accuracy", "min", null))))
        .containsExactly("/m/d.txt:1");
    assertThat(ids(query(cond("accuracy", "max", null), cond("__size__", "min", null))))
        .containsExactly("/m/b.txt:1");
    assertThat(
            ids(
                query(
                    cond("__create_time__", "max", null),
                    cond("__size__", "range", List.of(0, 1)))))
        .containsExactly("/m/a.txt:1");
    JsonNode time = post("/meta/get_meta", Map.of("type", "file", "ids", List.of("/m/a.txt:1")));
    long created = time.at("/data/0/__create_time__").asLong();
    assertThat(ids(query(cond("__create_time__", "range", List.of(created - 1, created)))))
        .contains("/m/a.txt:1");
  }

  @Test
  void deleteRemovesTagsAndKeys() {
    post(
        "/meta/del_file_meta",
        Map.of("id", "/m/c.txt:1", "keys", List.of("model"), "tags", List.of("nlp")));

    JsonNode doc =
        post("/meta/get_meta", Map.of("type", "file", "ids", List.of("/m/c.txt:1"))).at("/data/0");
    assertThat(doc.has("model")).isFalse();
    assertThat(doc.get("tags")).extracting(JsonNode::asText).containsExactly("hotpot");
  }

  @Test
  void fileSetAndJobDocuments() {
    wire.post("/storage/create_file_set", Map.of("name", "tagged", "files", List.of("/m/a.txt")));
    post("/meta/update_file_set_meta", Map.of("id", "tagged", "meta", Map.of("split", "train")));

    JsonNode sets = query("fileset", List.of(cond("split", "value", "train")));
    assertThat(sets.get("data").get(0).get("_id").asText()).isEqualTo("tagged:1");
    assertThat(sets.get("data").get(0).get("__file_count__").asInt()).isEqualTo(1);
  }

  @Test
  void badQueriesAre400() {
    Map<String, Object> badRegex = cond("model", "value", "([");
    badRegex.put("re", true);
    List<List<Map<String, Object>>> badConditions =
        List.of(
            List.of(Map.of("key", "model", "type", "value")),
            List.of(badRegex),
            List.of(cond("a", "range", List.of("x", 1))),
            List.of(cond("a", "max", null), cond("a", "min", null)));
    for (List<Map<String, Object>> conditions : badConditions) {
      assertThat(queryStatus(Map.of("conditions", conditions)))
          .as(conditions.toString())
          .isEqualTo(400);
    }
    List<Map<String, Object>> badFields =
        List.of(
            Map.of("entity_type", "nope"),
            Map.of("limit", 0),
            Map.of("limit", 10_001),
            Map.of("limit", "ten"),
            Map.of("sort", 3),
            Map.of("sort", "-"),
            Map.of("cursor", "bm90IGEgY3Vyc29y"));
    for (Map<String, Object> fields : badFields) {
      assertThat(queryStatus(fields)).as(fields.toString()).isEqualTo(400);
    }
  }

  /** The status of a file query with {@code fields} over an empty condition list. */
  private int queryStatus(Map<String, Object> fields) {
    Map<String, Object> body = new HashMap<>();
    body.put("entity_type", "file");
    body.put("conditions", List.of());
    body.putAll(fields);
    return wire.post("/meta/query_meta", body).status();
  }

  @Test
  void badUpdatesAre400Or413AndOtherProjectsAre404() {
    assertThat(
            wire.post(
                    "/meta/update_file_meta",
                    Map.of("id", "/m/a.txt", "meta", Map.of("__size__", 1)))
                .status())
        .isEqualTo(400);
    assertThat(
            wire.post(
                    "/meta/update_file_meta",
                    Map.of("id", "/m/a.txt", "meta", Map.of("tags", "notalist")))
                .status())
        .isEqualTo(400);
    assertThat(
            wire.post("/meta/update_file_meta", Map.of("id", "/m/", "meta", Map.of("k", 1)))
                .status())
        .isEqualTo(400);
    assertThat(
            wire.post(
                    "/meta/update_file_meta",
                    Map.of("id", "/m/a.txt", "meta", Map.of("big", "x".repeat(70_000))))
                .status())
        .isEqualTo(413);
    Wire other = new Wire(SERVER.endpoint(), SERVER.newProject().adminToken());
    assertThat(
            other
                .post("/meta/update_file_meta", Map.of("id", "/m/a.txt", "meta", Map.of("k", 1)))
                .status())
        .isEqualTo(404);
    assertThat(
            other
                .post("/meta/query_meta", Map.of("entity_type", "file", "conditions", List.of()))
                .json()
                .get("data"))
        .isEmpty();
  }

  private void meta(String id, Map<String, Object> meta) {
    assertThat(
            post("/meta/update_file_meta", Map.of("id", id, "meta", meta)).get("status").asText())
        .isEqualTo("success");
  }

  private JsonNode post(String path, Object body) {
    Http.Answer answer = wire.post(path, body);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return answer.json();
  }

  private JsonNode query(Map<String, Object> condition) {
    return query("file", List.of(condition));
  }

  private JsonNode query(Map<String, Object> first, Map<String, Object> second) {
    return query("file", List.of(first, second));
  }

  private JsonNode query(String type, List<Map<String, Object>> conditions) {
    return post("/meta/query_meta", Map.of("entity_type", type, "conditions", conditions));
  }

  private static Map<String, Object> cond(String key, String type, Object value) {
    Map<String, Object> condition = new HashMap<>();
    condition.put("key", key);
    condition.put("type", type);
    if (value != null) {
      condition.put("value", value);
    }
    return condition;
  }

  private static List<String> ids(JsonNode answer) {
    List<String> ids = new ArrayList<>();
    answer.get("data").forEach(doc -> ids.add(doc.get("_id").asText()));
    return ids;
  }
}
