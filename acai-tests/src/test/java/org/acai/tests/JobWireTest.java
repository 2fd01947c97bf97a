package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Jobs through the original client's endpoints: submit, status, logs, outputs, kill, lineage. */
class JobWireTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();
  private static final String WORDCOUNT =
      "import sys, collections, os\n"
          + "out = sys.argv[1]\n"
          + "counts = collections.Counter(w for line in sys.stdin for w in line.split())\n"
          + "open(os.path.join(out, 'wordcount.txt'), 'w').write(''.join(f'{w} {c}\\n' for w, c in counts.most_common()))\n";

  private Wire wire;

  @BeforeEach
  void newProject() {
    TestProject project = SERVER.newProject();
    wire = new Wire(SERVER.endpoint(), SERVER.newUserToken(project).userToken());
    wire.upload(
        List.of("/texts/a.txt", "/texts/b.txt", "/wordcount.zip"),
        List.of(
            "to be or not to be\n".getBytes(UTF_8),
            "be quick\n".getBytes(UTF_8),
            Zips.of(Map.of("wordcount.py", WORDCOUNT, "tools/echo.sh", "echo from-zip"))));
    wire.post(
        "/storage/create_file_set",
        Map.of("name", "texts", "files", List.of("/texts/a.txt", "/texts/b.txt")));
  }

  @Test
  void wordCountJobFinishesWithOutputSetLogAndLineage() {
    JsonNode job =
        submit(
            Map.of(
                "command",
                "mkdir -p ./my_output/ && (cat texts/* | python3 wordcount.py ./my_output/) && bash tools/echo.sh && echo '[ACAI_TAG] model=cnn'"));
    long id = job.get("id").asLong();

    assertThat(job.get("job_status").asText()).isEqualTo("QUEUEING");
    JsonNode status = awaitEnd(id);

    assertThat(status.get("job_status").asText()).as(status.toString()).isEqualTo("FINISHED");
    assertThat(status.get("output_file_set").asText()).isEqualTo("job_" + id + "_output:1");
    JsonNode content =
        wire.get("/storage/resolve_file_set", "vague_name", "job_" + id + "_output").json();
    assertThat(content.get("files"))
        .extracting(JsonNode::asText)
        .containsExactly("/my_output/wordcount.txt:1");
    String counts =
        fetch(
            wire.get("/storage/download_file", "path", "/my_output/wordcount.txt")
                .json()
                .get("s3_url")
                .asText());
    assertThat(counts).startsWith("be 3\n").contains("to 2\n");
    assertThat(
            wire.get("/log_server/get_job_log", "job_id", Long.toString(id))
                .json()
                .get("log")
                .asText())
        .contains("from-zip");
    JsonNode outputMeta =
        wire.post(
                "/meta/get_meta",
                Map.of("type", "fileset", "ids", List.of("job_" + id + "_output:1")))
            .json();
    assertThat(outputMeta.at("/data/0/model").asText()).isEqualTo("cnn");
    JsonNode finished =
        wire.post(
                "/meta/query_meta",
                Map.of(
                    "entity_type",
                    "job",
                    "conditions",
                    List.of(Map.of("key", "__status__", "type", "value", "value", "FINISHED"))))
            .json();
    assertThat(finished.at("/data/0/_id").asText()).isEqualTo(Long.toString(id));
    JsonNode lineage = wire.get("/provenance/lineage", "file_set", "job_" + id + "_output").json();
    assertThat(lineage.at("/upstream/0/inputs"))
        .extracting(JsonNode::asText)
        .contains("@texts:1", "/wordcount.zip:1");
  }

  @Test
  void nonZeroExitFailsWithReasonAndKeepsPartialOutputs() {
    long id =
        submit(
                Map.of(
                    "command",
                    "mkdir -p my_output && echo half > my_output/part.txt && echo oops >&2 && exit 3"))
            .get("id")
            .asLong();

    JsonNode status = awaitEnd(id);

    assertThat(status.get("job_status").asText()).isEqualTo("FAILED");
    assertThat(status.get("reason").asText()).isEqualTo("exit code 3");
    assertThat(status.get("output_file_set").asText()).isEqualTo("job_" + id + "_output:1");
    assertThat(
            wire.get("/log_server/get_job_log", "job_id", Long.toString(id))
                .json()
                .get("log")
                .asText())
        .contains("oops");
  }

  @Test
  void killEndsARunningJobQuickly() {
    long id = submit(Map.of("command", "echo started; sleep 600")).get("id").asLong();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "RUNNING".equals(status(id).get("job_status").asText()));

    long before = System.nanoTime();
    assertThat(wire.post("/job_registry/kill_job", Map.of("job_id", id)).status()).isEqualTo(200);
    JsonNode status = awaitEnd(id);

    assertThat(status.get("job_status").asText()).isEqualTo("KILLED");
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void memoryHogCrashesTheContainer() {
    Map<String, Object> job =
        new HashMap<>(
            Map.of("command", "x=$(head -c 300000000 /dev/zero | tr '\\0' a); echo ${#x}"));
    job.put("memory", "64Mi");
    long id = submit(job).get("id").asLong();

    JsonNode status = awaitEnd(id);

    assertThat(status.get("job_status").asText())
        .as(status.toString())
        .isIn("CONTAINER_CRASHED", "FAILED");
  }

  @Test
  void zipSlipCodeFailsTheJobAndWritesNothingOutside() {
    wire.upload(List.of("/evil.zip"), List.of(Zips.of(Map.of("../../escaped.txt", "x"))));
    Map<String, Object> job = new HashMap<>(Map.of("command", "true"));
    job.put("code", "/evil.zip");
    long id = submit(job).get("id").asLong();

    JsonNode status = awaitEnd(id);

    assertThat(status.get("job_status").asText()).isEqualTo("FAILED");
    assertThat(status.get("reason").asText()).contains("escapes the working directory");
    assertThat(SERVER.home().resolve("jobs/escaped.txt")).doesNotExist();
    assertThat(SERVER.home().resolve("escaped.txt")).doesNotExist();
  }

  @Test
  void badSubmissionsAre400Or404AndStoreNothing() {
    assertThat(rawSubmit(Map.of("name", "x", "command", "true", "output_path", "../out/")).status())
        .isEqualTo(400);
    assertThat(rawSubmit(Map.of("name", "x", "command", "true", "output_path", "/abs/")).status())
        .isEqualTo(400);
    assertThat(rawSubmit(Map.of("name", "x", "output_path", "./o/")).status()).isEqualTo(400);
    assertThat(
            rawSubmit(
                    Map.of("name", "x", "command", "true", "output_path", "./o/", "memory", "12XB"))
                .status())
        .isEqualTo(400);
    assertThat(
            rawSubmit(Map.of("name", "x", "command", "true", "output_path", "./o/", "gpu", "1"))
                .json()
                .at("/error/message")
                .asText())
        .contains("GPU");
    assertThat(
            rawSubmit(
                    Map.of(
                        "name",
                        "x",
                        "command",
                        "true",
                        "output_path",
                        "./o/",
                        "input_file_set",
                        "nope"))
                .status())
        .isEqualTo(404);
    assertThat(
            rawSubmit(
                    Map.of(
                        "name", "x", "command", "true", "output_path", "./o/", "code", "/no.zip"))
                .status())
        .isEqualTo(404);
    assertThat(wire.get("/job_registry/jobs").json()).isEmpty();
  }

  @Test
  void anotherProjectsJobIsInvisible() {
    long id = submit(Map.of("command", "true")).get("id").asLong();
    Wire intruder = new Wire(SERVER.endpoint(), SERVER.newProject().adminToken());

    assertThat(intruder.get("/job_registry/job", "job_id", Long.toString(id)).status())
        .isEqualTo(404);
    JsonNode seen = intruder.post("/job_monitor/job_status", Map.of("ids", List.of(id))).json();
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).get("job_status").asText()).isEqualTo("UNKNOWN");
    assertThat(seen.get(0).get("reason").asText()).isEqualTo("no such job");
    assertThat(intruder.post("/job_registry/kill_job", Map.of("job_id", id)).status())
        .isEqualTo(404);
    assertThat(intruder.get("/log_server/get_job_log", "job_id", Long.toString(id)).status())
        .isEqualTo(404);
  }

  @Test
  void jobMetadataCarriesItsSystemFieldsAsNumbersOfTheRightKind() {
    List<Long> ids = new ArrayList<>();
    for (String cpu : List.of("0.5", "1", "250m")) {
      ids.add(submit(Map.of("command", "true", "v_cpu", cpu)).get("id").asLong());
    }
    ids.forEach(this::awaitEnd);

    JsonNode docs =
        wire.post(
                "/meta/get_meta",
                Map.of("type", "job", "ids", ids.stream().map(String::valueOf).toList()))
            .json()
            .get("data");

    assertThat(docs)
        .extracting(doc -> doc.get("__v_cpu__").toString())
        .containsExactly("0.5", "1.0", "0.25");
    JsonNode first = docs.get(0);
    assertThat(first.get("_id").asText()).isEqualTo(Long.toString(ids.get(0)));
    assertThat(first.get("__type__").asText()).isEqualTo("job");
    assertThat(first.get("__status__").asText()).isEqualTo("FINISHED");
    assertThat(first.get("__memory__").asLong()).isEqualTo(256L << 20);
    assertThat(first.get("__gpu__").toString()).isEqualTo("0");
    assertThat(first.get("__image__").asText()).isEqualTo("python:3");
    assertThat(first.get("__output_file_set__").asText())
        .isEqualTo("job_" + ids.get(0) + "_output");
    long created = first.get("__create_time__").asLong();
    assertThat(first.get("__create_time__").isIntegralNumber()).isTrue();
    assertThat(created)
        .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
    assertThat(first.get("__update_time__").asLong()).isGreaterThanOrEqualTo(created);
  }

  @Test
  void statusOfSeveralJobsComesInTheOrderAskedWithUnknownOnesReadingUnknown() {
    long first = submit(Map.of("command", "true")).get("id").asLong();
    long second = submit(Map.of("command", "exit 3")).get("id").asLong();
    awaitEnd(first);
    awaitEnd(second);

    JsonNode states =
        wire.post(
                "/job_monitor/job_status", Map.of("ids", List.of(second, 99999999, first, second)))
            .json();

    assertThat(states)
        .extracting(state -> state.get("id").asLong())
        .containsExactly(second, 99999999L, first, second);
    assertThat(states)
        .extracting(state -> state.get("job_status").asText())
        .containsExactly("FAILED", "UNKNOWN", "FINISHED", "FAILED");
    assertThat(states.get(1).get("output_file_set").isNull()).isTrue();
    assertThat(states.get(0).get("exit_code").asInt()).isEqualTo(3);
    List<Long> tooMany = java.util.stream.LongStream.rangeClosed(1, 1001).boxed().toList();
    Http.Answer refused = wire.post("/job_monitor/job_status", Map.of("ids", tooMany));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/error/message").asText()).contains("at most 1000");
    assertThat(wire.post("/job_monitor/job_status", Map.of("ids", List.of("x"))).status())
        .isEqualTo(400);
  }

  private JsonNode submit(Map<String, Object> overrides) {
    Http.Answer answer = rawSubmit(overrides);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return answer.json().get("job");
  }

  private Http.Answer rawSubmit(Map<String, Object> overrides) {
    Map<String, Object> body = new HashMap<>();
    if (!overrides.containsKey("output_path") || overrides.containsKey("command")) {
      body.put("name", "test job");
      body.put("input_file_set", "texts");
      body.put("code", "/wordcount.zip");
      body.put("output_path", "./my_output/");
      body.put("container_image", "python:3");
      body.put("v_cpu", "0.5");
      body.put("memory", "256Mi");
      body.put("gpu", "0");
    }
    body.putAll(overrides);
    return wire.post("/job_registry/new_job", body);
  }

  private JsonNode status(long id) {
    return wire.post("/job_monitor/job_status", Map.of("ids", List.of(id))).json().get(0);
  }

  private JsonNode awaitEnd(long id) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                List.of("FINISHED", "FAILED", "KILLED", "CONTAINER_CRASHED")
                    .contains(status(id).get("job_status").asText()));
    return status(id);
  }

  private static String fetch(String url) {
    return Http.get(java.net.URI.create(url), "").text();
  }
}
