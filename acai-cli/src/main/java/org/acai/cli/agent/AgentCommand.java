package org.acai.cli.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.acai.api.job.JobInfo;
import org.acai.cli.CliContext;
import org.acai.cli.UserError;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.ExistingFiles;
import org.acai.sdk.transfer.TransferOptions;
import org.acai.server.job.agent.OutputFiles;
import org.acai.server.job.agent.OutputUploader;
import org.acai.server.job.exec.JobUser;
import org.acai.server.job.workspace.CodeArchive;
import org.acai.server.job.workspace.CodeLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code acai agent stage|upload}: the job agent outside the server (the init and upload containers
 * of a Kubernetes job). It acts only with the job's token, read from a file or {@code
 * ACAI_JOB_TOKEN}, never from an argument (arguments show in {@code ps}).
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Job agent: 'stage' downloads the job's input file set and unpacks its code into DIR;",
      "'upload' uploads the regular files under the job's output path in DIR (no links, no",
      "devices) as the job's output file set and reports completion as one JSON line."
    })
public final class AgentCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "STEP", description = "stage or upload.")
  private String step;

  @Option(names = "--server", paramLabel = "URL", description = "Server URL (or ACAI_ENDPOINT).")
  private String server;

  @Option(names = "--job", paramLabel = "ID", required = true, description = "The job id.")
  private long jobId;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "File holding the job token (else ACAI_JOB_TOKEN).")
  private Path tokenFile;

  @Option(names = "--dir", paramLabel = "DIR", required = true, description = "Work directory.")
  private Path dir;

  @Option(
      names = "--exit-code-file",
      paramLabel = "FILE",
      description = "upload: the file where the job's command wrote its exit code.")
  private Path exitCodeFile;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "upload: also write the completion line here (a termination log).")
  private Path report;

  @Option(
      names = "--max-code-size",
      paramLabel = "BYTES",
      description = "stage: most bytes the code archive may unpack to (default 2 GiB).")
  private long maxCodeBytes = CodeLimits.DEFAULT.maxBytes();

  @Option(
      names = "--max-code-files",
      paramLabel = "N",
      description = "stage: most entries in the code archive (default 100000).")
  private int maxCodeEntries = CodeLimits.DEFAULT.maxEntries();

  AgentCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    AcaiClient client = AcaiClient.connect(endpoint(), token());
    JobInfo job = client.jobs().find(jobId);
    switch (step) {
      case "stage":
        stage(client, job);
        return 0;
      case "upload":
        upload(job);
        return 0;
      default:
        throw new UserError("Invalid step: %s (expected stage or upload)", step);
    }
  }

  private void stage(AcaiClient client, JobInfo job) throws IOException {
    Files.createDirectories(dir);
    if (job.inputFileSet() != null) {
      client
          .fileSets()
          .downloadFileSet(
              job.inputFileSet(), dir, ExistingFiles.REFUSE, TransferOptions.defaults());
      context.err().println("[acai] staged " + job.inputFileSet());
    }
    if (job.code() != null) {
      Path zip = Files.createTempFile("acai-code-", ".zip");
      try {
        client.files().download(Map.of(job.code(), zip.toString()));
        try (InputStream in = Files.newInputStream(zip)) {
          CodeArchive.unpack(in, dir, new CodeLimits(maxCodeBytes, maxCodeEntries));
        }
      } finally {
        Files.deleteIfExists(zip);
      }
      context.err().println("[acai] unpacked " + job.code());
    }
  }

  private void upload(JobInfo job) throws IOException {
    String outputPath = outputPath(job.outputPath());
    // Files are read as a job that has no uid of its own: hard links are skipped too.
    List<OutputFiles.Entry> files =
        OutputFiles.collect(
            dir.toRealPath(), outputPath, new JobUser(-1, -1, false), context.err()::println);
    String outputSet = null;
    if (files.isEmpty()) {
      context.err().println("[acai] no files under ./" + outputPath + "/; no output file set");
    } else {
      String setName = job.outputFileSet().replaceFirst(":\\d+$", "");
      outputSet = new OutputUploader(endpoint(), token()).upload(files, setName);
    }
    String line =
        String.format(
            "{\"job_id\":%d,\"output_file_set\":%s,\"files\":%d,\"exit_code\":%s}",
            jobId, outputSet == null ? "null" : "\"" + outputSet + "\"", files.size(), exitCode());
    context.out().println(line);
    if (report != null) {
      Files.writeString(report, line, StandardCharsets.UTF_8);
    }
  }

  private String exitCode() throws IOException {
    if (exitCodeFile == null) {
      return "null";
    }
    // The command's wrapper wrote it before this step began; an odd one is reported unknown.
    if (!Files.isRegularFile(exitCodeFile) || Files.size(exitCodeFile) > 16) {
      return "null";
    }
    String text = Files.readString(exitCodeFile, StandardCharsets.UTF_8).trim();
    return text.matches("\\d{1,3}") ? text : "null";
  }

  /** {@code ./out/} to {@code out}, refusing anything that leaves the work dir. */
  static String outputPath(String wire) {
    Path path = Path.of(wire).normalize();
    if (path.isAbsolute() || path.toString().isEmpty() || path.startsWith("..")) {
      throw new UserError("Invalid output path: %s", wire);
    }
    return path.toString();
  }

  private URI endpoint() {
    String url = server != null ? server : context.env().get("ACAI_ENDPOINT");
    if (url == null || url.isBlank()) {
      throw new UserError("Missing server: give --server URL or set ACAI_ENDPOINT");
    }
    return URI.create(url);
  }

  private String token() throws IOException {
    String token =
        tokenFile != null
            ? Files.readString(tokenFile, StandardCharsets.UTF_8).trim()
            : context.env().get("ACAI_JOB_TOKEN");
    if (token == null || token.isBlank()) {
      throw new UserError("Missing job token: give --token-file FILE or set ACAI_JOB_TOKEN");
    }
    return token;
  }
}
