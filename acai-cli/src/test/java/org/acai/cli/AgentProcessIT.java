package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.acai.api.job.JobInfo;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobSpec;
import org.acai.server.auth.CredentialService;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code acai agent} as a real process against a real server, holding only a job token. */
class AgentProcessIT {
  @RegisterExtension
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension().withEnv("ACAI_SANDBOX", "none");

  @TempDir Path dir;
  private AcaiClient user;
  private JobInfo job;
  private String jobToken;

  @BeforeEach
  void jobWithInputAndCode() throws IOException {
    TestProject project = SERVER.newProject();
    user = project.admin();
    Path data = Files.createDirectories(dir.resolve("data/sub"));
    Files.writeString(data.resolve("b.txt"), "bee");
    Files.writeString(data.getParent().resolve("a.txt"), "ay");
    user.files()
        .convertToFileMapping(List.of(data.getParent() + "/"), "/in/")
        .filesToUpload()
        .upload()
        .asNewFileSet("in");
    Path zip = dir.resolve("code.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("run.sh"));
      out.write("echo run".getBytes(StandardCharsets.UTF_8));
    }
    user.files().upload(Map.of(zip.toString(), "/code.zip"));
    job =
        user.jobs()
            .submit(
                JobSpec.builder()
                    .name("agent")
                    .inputFileSet("in")
                    .code("/code.zip")
                    .command("true")
                    .outputPath("./out/")
                    .build());
    user.jobs().waitFor(job.id(), Duration.ofMinutes(1));
    jobToken =
        new CredentialService(SERVER.server().database().jdbi())
            .issueJobToken(job.creatorId(), job.id(), Duration.ofHours(1));
  }

  @Test
  void stagesInputsAndCodeThenUploadsOnlyRegularOutputFilesWithTheJobToken() throws Exception {
    Path work = dir.resolve("work");
    Result stage = agent(Map.of("ACAI_JOB_TOKEN", jobToken), "stage", "--dir", work.toString());

    assertThat(stage.code).as(stage.err).isZero();
    assertThat(work.resolve("in/a.txt")).hasContent("ay");
    assertThat(work.resolve("in/sub/b.txt")).hasContent("bee");
    assertThat(work.resolve("run.sh")).hasContent("echo run");

    Path out = Files.createDirectories(work.resolve("out/deep"));
    Files.writeString(out.resolve("s.txt"), "deep");
    Files.writeString(work.resolve("out/r.txt"), "result");
    Files.createSymbolicLink(work.resolve("out/passwd"), Path.of("/etc/passwd"));
    Files.createLink(work.resolve("out/hard.txt"), work.resolve("in/a.txt"));
    Path exit = dir.resolve("exit");
    Files.writeString(exit, "3\n");
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, jobToken);
    Path report = dir.resolve("report");
    Result upload =
        agent(
            Map.of(),
            "upload",
            "--dir",
            work.toString(),
            "--token-file",
            tokenFile.toString(),
            "--exit-code-file",
            exit.toString(),
            "--report",
            report.toString());

    String set = "job_" + job.id() + "_output:1";
    assertThat(upload.code).as(upload.err).isZero();
    assertThat(upload.out.strip())
        .isEqualTo(
            "{\"job_id\":"
                + job.id()
                + ",\"output_file_set\":\""
                + set
                + "\",\"files\":2,\"exit_code\":3}");
    assertThat(report).hasContent(upload.out.strip());
    assertThat(upload.err).contains("out/passwd is a symbolic link; skipped");
    assertThat(upload.err).contains("out/hard.txt is a hard link; skipped");
    assertThat(upload.err + upload.out).doesNotContain(jobToken);
    assertThat(user.fileSets().listFileSetContent(set).files())
        .containsExactly("/out/deep/s.txt:1", "/out/r.txt:1");
  }

  @Test
  void refusesWithoutTokenAndWithARevokedOneInOneLine() throws Exception {
    Result none = agent(Map.of(), "stage", "--dir", dir.resolve("w").toString());
    assertThat(none.code).isEqualTo(1);
    assertThat(none.err.strip())
        .isEqualTo("acai: Missing job token: give --token-file FILE or set ACAI_JOB_TOKEN");

    new CredentialService(SERVER.server().database().jdbi()).revokeJobTokens(job.id());
    Result revoked =
        agent(Map.of("ACAI_JOB_TOKEN", jobToken), "stage", "--dir", dir.resolve("w").toString());
    assertThat(revoked.code).isEqualTo(1);
    assertThat(revoked.err.lines()).hasSize(1).allMatch(line -> line.startsWith("acai: "));
    assertThat(dir.resolve("w")).doesNotExist();
  }

  private record Result(int code, String out, String err) {}

  private Result agent(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(Path.of("target", "acai.jar").toAbsolutePath().toString());
    command.add("agent");
    command.add(args[0]);
    command.add("--server");
    command.add(SERVER.endpoint().toString());
    command.add("--job");
    command.add(Long.toString(job.id()));
    command.addAll(List.of(args).subList(1, args.length));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("ACAI_"));
    builder.environment().put("HOME", dir.toString());
    builder.environment().putAll(env);
    Path stdout = Files.createTempFile(dir, "out", ".txt");
    Path stderr = Files.createTempFile(dir, "err", ".txt");
    Process process =
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    process.getOutputStream().close();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }
}
