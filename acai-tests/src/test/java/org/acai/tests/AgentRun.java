package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.acai.cli.CliContext;
import org.acai.cli.Main;

/** {@code acai agent upload} as the upload container runs it, in-process, with the job token. */
final class AgentRun {
  private AgentRun() {}

  /** Writes {@code files} under {@code out/}, uploads them and returns the agent's report. */
  static String upload(URI server, long jobId, String token, Map<String, String> files, int exit)
      throws IOException {
    Path work = Files.createTempDirectory("acai-agent-work");
    Files.createDirectories(work.resolve("out"));
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.writeString(work.resolve("out").resolve(file.getKey()), file.getValue());
    }
    Path exitCode =
        Files.writeString(work.resolveSibling(work.getFileName() + ".exit"), exit + "\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {
              "agent",
              "upload",
              "--server",
              server.toString(),
              "--job",
              Long.toString(jobId),
              "--dir",
              work.toString(),
              "--exit-code-file",
              exitCode.toString()
            },
            new CliContext(
                Map.of("ACAI_JOB_TOKEN", token),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8).strip();
  }
}
