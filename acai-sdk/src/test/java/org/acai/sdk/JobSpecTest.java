package org.acai.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.acai.api.error.ConflictException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.job.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSpecTest {
  @TempDir Path dir;

  private static Map<String, Object> minimal() {
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("name", "wc");
    attributes.put("command", "true");
    attributes.put("output_path", "./out/");
    return attributes;
  }

  @Test
  void resourcesAcceptNumbersAndKubernetesQuantities() {
    JobSpec numbers =
        JobSpec.builder().name("a").command("true").outputPath("./o/").resources(2, 0, 1e9).build();
    JobSpec strings =
        JobSpec.builder()
            .name("a")
            .command("true")
            .outputPath("o")
            .resources("500m", "1", "100Mi")
            .build();

    assertThat(numbers.vCpu()).isEqualTo("2");
    assertThat(numbers.gpu()).isEqualTo("0");
    assertThat(numbers.memory()).isEqualTo("1000000000");
    assertThat(strings.toSubmission().memory()).isEqualTo("100Mi");
    assertThat(new Job().withResources(0.25, null, "64Mi").dict())
        .containsEntry("v_cpu", "0.25")
        .containsEntry("memory", "64Mi")
        .doesNotContainKey("gpu");
  }

  @Test
  void registerNamesTheMissingOrMalformedField() {
    Map<String, Object> noName = minimal();
    noName.remove("name");
    Map<String, Object> escaping = minimal();
    escaping.put("output_path", "../out/");
    Map<String, Object> absolute = minimal();
    absolute.put("output_path", "/out/");

    assertThatThrownBy(() -> Job.fromDict(noName).register())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Missing name");
    assertThatThrownBy(() -> Job.fromDict(escaping).register())
        .hasMessageStartingWith("Invalid output_path: ../out/");
    assertThatThrownBy(() -> Job.fromDict(absolute).register())
        .hasMessageContaining("must be relative");
    assertThatThrownBy(() -> new Job().withResources(null, null, "12XB"))
        .hasMessage("Invalid memory: 12XB");
    assertThatThrownBy(() -> new Job().withResources(null, "1.5", null))
        .hasMessageStartingWith("Invalid gpu: 1.5");
    assertThatThrownBy(() -> new Job().withResources(List.of(1), null, null))
        .hasMessageStartingWith("Invalid v_cpu");
  }

  @Test
  void unknownAttributesAndWrongShapesAreRefused() {
    assertThatThrownBy(() -> Job.fromDict(Map.of("nmae", "x")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("Invalid job attribute: nmae (known: id, name,");
    assertThatThrownBy(() -> Job.fromDict(Map.of("name", Map.of("a", 1))))
        .hasMessageStartingWith("Invalid name: expected a single value");
    assertThatThrownBy(() -> Job.fromDict(Map.of("timeout", "soon")))
        .hasMessage("Invalid timeout: soon (expected a whole number)");
    assertThatThrownBy(
            () ->
                JobSpec.builder()
                    .name("a")
                    .command("true")
                    .outputPath("o")
                    .timeout(Duration.ZERO)
                    .build())
        .hasMessage("Invalid timeout: 0 (seconds, > 0)");
  }

  @Test
  void statusWordsParseWhateverTheirSpelling() {
    assertThat(Job.fromDict(Map.of("job_status", "ContainerCrashed")).jobStatus())
        .isEqualTo(JobStatus.CONTAINER_CRASHED);
    assertThat(JobStatus.parse("container-crashed")).isEqualTo(JobStatus.CONTAINER_CRASHED);
    assertThat(JobStatus.parse("finished")).isEqualTo(JobStatus.FINISHED);
    assertThat(JobStatus.parse("Queued")).isEqualTo(JobStatus.UNKNOWN);
    assertThat(JobStatus.UNKNOWN.isTerminal()).isTrue();
    assertThat(JobStatus.RUNNING.isTerminal()).isFalse();
  }

  @Test
  void jobThatWasNeverRunHasNoIdYet() {
    Job job = Job.fromDict(minimal()).register();

    assertThatThrownBy(job::id)
        .isInstanceOf(ConflictException.class)
        .hasMessage("Cannot use job wc: it has not been run yet");
    assertThat(job.dict()).containsEntry("output_path", "./out/");
  }

  @Test
  void yamlAndJsonFilesFillTheSameAttributes() throws Exception {
    Path yaml = dir.resolve("job.yaml");
    Files.writeString(
        yaml,
        "name: wc\ncommand: mkdir -p out && echo hi > out/x\noutput_path: ./out/\n"
            + "v_cpu: 0.5\nmemory: 1e9\ngpu: 0\ntimeout: 60\n");
    Path json = dir.resolve("job.json");
    Files.writeString(
        json,
        "{\"name\":\"wc\",\"command\":\"mkdir -p out && echo hi > out/x\",\"output_path\":\"./out/\","
            + "\"v_cpu\":0.5,\"memory\":1e9,\"gpu\":0,\"timeout\":60}");

    Map<String, Object> fromYaml = Job.fromYaml(yaml).register().dict();

    assertThat(fromYaml).isEqualTo(Job.fromJson(json).register().dict());
    assertThat(fromYaml)
        .containsEntry("memory", "1000000000")
        .containsEntry("v_cpu", "0.5")
        .containsEntry("timeout", 60L);
  }

  @Test
  void yamlTagsNeverCreateObjects() throws Exception {
    Path yaml = dir.resolve("evil.yaml");
    Files.writeString(
        yaml,
        "name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
            + " [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\ncommand: true\noutput_path: o\n");
    Path list = dir.resolve("list.yaml");
    Files.writeString(list, "- name: a\n");

    assertThatThrownBy(() -> Job.fromYaml(yaml))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("Invalid name: expected a single value");
    assertThatThrownBy(() -> Job.fromYaml(list))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("Invalid job file " + list + ": expected a YAML mapping");
    assertThatThrownBy(() -> Job.fromYaml(dir.resolve("missing.yaml")))
        .hasMessageStartingWith("Cannot read job file");
  }
}
