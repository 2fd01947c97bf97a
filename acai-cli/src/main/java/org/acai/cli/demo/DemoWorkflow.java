package org.acai.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.api.job.JobState;
import org.acai.api.job.JobStatus;
import org.acai.api.job.Lineage;
import org.acai.api.job.LineageStep;
import org.acai.api.storage.DirectoryEntry;
import org.acai.api.storage.FileSetContent;
import org.acai.cli.CliContext;
import org.acai.cli.UserError;
import org.acai.cli.job.StatusLine;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilesList;
import org.acai.sdk.Job;

/**
 * The demo's data workflow through the Java SDK, as one user: upload the texts and the code, make
 * the input file set, run the word-count job, read its output, show its lineage.
 */
final class DemoWorkflow {
  private static final String COMMAND =
      "mkdir -p ./my_output/ && (cat texts/* | sh wordcount.sh ./my_output/)";
  private static final Duration JOB_LIMIT = Duration.ofMinutes(5);

  private final AcaiClient bob;
  private final CliContext context;
  private final PrintStream out;
  private final String image;

  DemoWorkflow(AcaiClient bob, CliContext context, String image) {
    this.bob = bob;
    this.image = image;
    this.context = context;
    this.out = context.out();
  }

  void run(List<Path> texts, Path workDir) throws IOException {
    String fileSet = uploadInputs(texts, workDir);
    Job job = submit(fileSet);
    String output = await(job);
    showOutput(workDir);
    showLineage(output);
  }

  private String uploadInputs(List<Path> texts, Path workDir) throws IOException {
    Map<String, String> localToRemote = new LinkedHashMap<>();
    texts.forEach(text -> localToRemote.put(text.toString(), "/texts/" + text.getFileName()));
    FilesList uploaded = bob.files().upload(localToRemote);
    step("Uploaded " + uploaded.size() + " texts to /texts/");
    Path zip = workDir.resolve("wordcount.zip");
    Files.write(zip, DemoCorpus.codeZip());
    String code = bob.files().upload(Map.of(zip.toString(), "/wordcount.zip")).get(0).remote();
    step("Uploaded the word-count code as " + code);
    FileSetContent set = uploaded.asNewFileSet("texts");
    step("Created file set " + set.id() + " with " + set.files().size() + " files");
    return set.id();
  }

  private Job submit(String fileSet) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("name", "wordcount");
    attributes.put("description", "count the words of the demo corpus");
    attributes.put("input_file_set", fileSet);
    attributes.put("code", "/wordcount.zip");
    attributes.put("command", COMMAND);
    attributes.put("container_image", image);
    attributes.put("output_path", "./my_output/");
    Job job =
        bob.jobs()
            .newJob()
            .withAttributes(attributes)
            .withResources("0.5", 0, "256Mi")
            .register()
            .run();
    step("Submitted job " + job.id() + ": " + COMMAND);
    return job;
  }

  private String await(Job job) {
    JobState end;
    try (StatusLine line = StatusLine.of(context)) {
      end = bob.jobs().waitFor(job.id(), JOB_LIMIT, line::update);
    }
    if (end.jobStatus() != JobStatus.FINISHED) {
      out.println(job.getLog());
      throw new UserError("Job %d ended %s: %s", job.id(), end.jobStatus(), end.reason());
    }
    step("Job " + job.id() + " FINISHED; output file set " + end.outputFileSet());
    step("Job log");
    job.getLog().lines().forEach(line -> out.println("    " + line));
    return end.outputFileSet();
  }

  private void showOutput(Path workDir) throws IOException {
    step("ls /my_output");
    for (DirectoryEntry entry : bob.files().listDir("/my_output")) {
      out.printf("    %-20s version %d, %d bytes%n", entry.path(), entry.version(), entry.size());
    }
    Path local = workDir.resolve("wordcount.txt");
    bob.files().download(Map.of("/my_output/wordcount.txt", local.toString()));
    step("Downloaded /my_output/wordcount.txt to " + local + "; top 10 words:");
    List<String> counts = Files.readAllLines(local, StandardCharsets.UTF_8);
    counts.stream()
        .limit(10)
        .forEach(
            line -> {
              String[] parts = line.strip().split(" ", 2);
              out.printf("    %-16s %s%n", parts.length > 1 ? parts[1] : "", parts[0]);
            });
  }

  private void showLineage(String output) {
    Lineage lineage = bob.jobs().lineage(output, 5);
    step("Lineage of " + output);
    for (LineageStep job : lineage.upstream()) {
      out.printf(
          "    %s  <-  job %d (%s, %s)  <-  %s%n",
          String.join(" + ", job.outputs()),
          job.jobId(),
          job.jobName(),
          job.jobStatus(),
          String.join(" + ", job.inputs()));
    }
  }

  private void step(String message) {
    out.println("==> " + message);
    out.flush();
  }
}
