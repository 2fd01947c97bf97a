package org.acai.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.acai.api.job.JobStatus;
import org.acai.cli.UserError;

/** Runs the demo's word-count job, waits for it, and shows its output and lineage. */
final class DemoJob {
  private static final long POLL_MILLIS = 100;

  private final DemoSession bob;
  private final PrintStream out;

  DemoJob(DemoSession bob, PrintStream out) {
    this.bob = bob;
    this.out = out;
  }

  void run(String fileSet, String command) throws IOException, InterruptedException {
    Map<String, Object> attributes =
        Map.of(
            "name",
            "wordcount",
            "description",
            "count the words of the demo corpus",
            "input_file_set",
            fileSet,
            "code",
            "/wordcount.zip",
            "command",
            command,
            "container_image",
            "debian:bookworm",
            "output_path",
            "./my_output/",
            "v_cpu",
            "0.5",
            "memory",
            "256Mi",
            "gpu",
            "0");
    long id =
        bob.api().post("/job_registry/new_job", attributes, JsonNode.class).at("/job/id").asLong();
    step("Submitted job " + id + ": " + command);
    JsonNode status = await(id);
    if (JobStatus.parse(status.get("job_status").asText()) != JobStatus.FINISHED) {
      out.println(
          bob.api()
              .get("/log_server/get_job_log", Map.of("job_id", id), JsonNode.class)
              .get("log")
              .asText());
      throw new UserError(
          "Job %d ended %s: %s",
          id, status.get("job_status").asText(), status.get("reason").asText());
    }
    String output = status.get("output_file_set").asText();
    step("Job " + id + " FINISHED; output file set " + output);
    showOutput();
    showLineage(output);
  }

  private JsonNode await(long id) throws InterruptedException {
    String last = "";
    while (true) {
      JsonNode status =
          bob.api()
              .post("/job_monitor/job_status", Map.of("ids", List.of(id)), JsonNode.class)
              .get(0);
      String now = status.get("job_status").asText();
      if (!now.equals(last)) {
        out.printf("    job %d: %s%n", id, now);
        last = now;
      }
      if (JobStatus.parse(now).isTerminal()) {
        return status;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private void showOutput() throws IOException {
    JsonNode listing =
        bob.api()
            .get("/storage/list_directory", Map.of("directory_path", "/my_output"), JsonNode.class);
    step("ls /my_output");
    for (JsonNode entry : listing) {
      out.printf(
          "    %-20s version %d, %d bytes%n",
          entry.get("path").asText(), entry.get("version").asInt(), entry.get("size").asLong());
    }
    String url =
        bob.api()
            .get(
                "/storage/download_file",
                Map.of("path", "/my_output/wordcount.txt"),
                JsonNode.class)
            .get("s3_url")
            .asText();
    String counts = bob.fetch(url);
    step("Top 10 words");
    counts
        .lines()
        .limit(10)
        .forEach(
            line -> {
              String[] parts = line.strip().split(" ", 2);
              out.printf("    %-16s %s%n", parts.length > 1 ? parts[1] : "", parts[0]);
            });
  }

  private void showLineage(String output) {
    JsonNode lineage =
        bob.api().get("/provenance/lineage", Map.of("file_set", output), JsonNode.class);
    step("Lineage of " + output);
    for (JsonNode job : lineage.get("upstream")) {
      out.printf(
          "    %s  <-  job %d (%s, %s)  <-  %s%n",
          output,
          job.get("job_id").asLong(),
          job.get("job_name").asText(),
          job.get("job_status").asText(),
          String.join(" + ", texts(job.get("inputs"))));
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new java.util.ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private void step(String message) {
    out.println("==> " + message);
    out.flush();
  }
}
