package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code acai job ...} as typed, against a real server. */
class JobCommandsTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();
  private static final Pattern SUBMITTED = Pattern.compile("Submitted job (\\d+)");

  @TempDir Path dir;
  private CliRunner cli;

  @BeforeEach
  void newUser() {
    String token = SERVER.newUserToken(SERVER.newProject()).userToken();
    cli =
        new CliRunner(SERVER.endpoint().toString(), dir.resolve("credentials"))
            .with("ACAI_TOKEN", token);
  }

  private static long jobId(CliRunner.Result submitted) {
    Matcher matcher = SUBMITTED.matcher(submitted.out());
    assertThat(matcher.find()).as(submitted.out() + submitted.err()).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  @Test
  void runWithWaitFinishesAndShowsUpInListStatusAndLineage() {
    CliRunner.Result run =
        cli.run(
            "job",
            "run",
            "--name",
            "hello",
            "--output",
            "./out/",
            "--cpu",
            "0.5",
            "--mem",
            "64Mi",
            "--wait",
            "--",
            "mkdir -p out && echo hi > out/x.txt");
    long id = jobId(run);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Job " + id + " FINISHED; output file set job_" + id + "_output:1");
    assertThat(run.err()).contains("job " + id + " FINISHED (completed)");
    assertThat(cli.run("job", "ls").out())
        .containsPattern(id + "\\s+FINISHED\\s+\\S+ \\S+\\s+hello\\s+job_" + id + "_output:1");
    assertThat(cli.run("job", "status", Long.toString(id), "--history").out())
        .contains("job " + id + " (hello): FINISHED")
        .contains("exit code:  0")
        .contains("RUNNING: started");
    assertThat(cli.run("job", "lineage", Long.toString(id)).out())
        .contains("lineage of job " + id)
        .contains("out: @job_" + id + "_output:1");
    assertThat(cli.run("job", "lineage", "--fileset", "job_" + id + "_output").out())
        .contains("lineage of @job_" + id + "_output:1")
        .contains("job " + id + " hello [FINISHED]")
        .contains("downstream (what used it):\n  (none)");
  }

  @Test
  void logsPrintsTheOutputAndFollowStreamsItToTheEnd() {
    long id =
        jobId(
            cli.run(
                "job",
                "run",
                "--name",
                "chatty",
                "--output",
                "o",
                "--",
                "for i in 1 2 3; do echo l$i; sleep 0.2; done"));

    CliRunner.Result followed = cli.run("job", "logs", Long.toString(id), "-f");

    assertThat(followed.code()).isZero();
    assertThat(followed.out()).startsWith("l1\nl2\nl3\n");
    assertThat(cli.run("job", "logs", Long.toString(id)).out()).contains("l3");
  }

  @Test
  void killEndsTheJobAndWaitReportsItAsAFailure() {
    long id = jobId(cli.run("job", "run", "--name", "sleeper", "--output", "o", "--", "sleep 600"));
    CliRunner.Result notYet = cli.run("job", "wait", Long.toString(id), "--timeout", "1");

    CliRunner.Result killed = cli.run("job", "kill", Long.toString(id));
    CliRunner.Result waited = cli.run("job", "wait", Long.toString(id));

    assertThat(notYet.code()).isEqualTo(1);
    assertThat(notYet.err()).containsPattern("acai: Job " + id + " is still \\w+ after 1s");
    assertThat(killed.code()).as(killed.err()).isZero();
    assertThat(killed.out()).containsPattern("(Kill requested for job|Job) " + id);
    assertThat(waited.code()).isEqualTo(1);
    assertThat(waited.err()).contains("acai: Job " + id + " KILLED");
    assertThat(cli.run("job", "kill", Long.toString(id)).err())
        .isEqualTo("acai: Cannot kill job " + id + ": it is KILLED\n");
  }

  @Test
  void waitForSeveralJobsListsEachEndAndFailsIfOneDidNotFinish() {
    long ok = jobId(cli.run("job", "run", "--name", "ok", "--output", "o", "--", "true"));
    long bad = jobId(cli.run("job", "run", "--name", "bad", "--output", "o", "--", "exit 3"));

    CliRunner.Result waited = cli.run("job", "wait", Long.toString(ok), Long.toString(bad));
    CliRunner.Result good = cli.run("job", "wait", Long.toString(ok), Long.toString(ok));

    assertThat(waited.code()).isEqualTo(1);
    assertThat(waited.out())
        .isEqualTo(
            "Job " + ok + " FINISHED, no output files\nJob " + bad + " FAILED: exit code 3\n");
    assertThat(waited.err())
        .isEqualTo("acai: 1 of 2 jobs did not finish (see 'acai job logs ID')\n");
    assertThat(good.code()).isZero();
    assertThat(cli.run("job", "wait", Long.toString(ok), "999999").err())
        .isEqualTo("acai: No such job: 999999\n");
  }

  @Test
  void runReadsAYamlFileAndOptionsOverrideIt() throws Exception {
    Path yaml = dir.resolve("job.yaml");
    Files.writeString(
        yaml,
        "name: from-file\ncommand: mkdir -p out && echo yaml > out/y.txt\noutput_path: ./out/\n"
            + "memory: 1e8\n");

    CliRunner.Result run =
        cli.run("job", "run", "-f", yaml.toString(), "--name", "override", "--wait");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("(override)").contains("FINISHED");
  }

  @Test
  void badInputIsOneLineWithExitCodeOne() {
    assertOneLineError(
        cli.run("job", "run", "--name", "x", "--output", "../o", "--", "true"),
        "acai: Invalid output_path: ../o");
    assertOneLineError(
        cli.run("job", "run", "--name", "x", "--output", "o", "--mem", "12XB", "--", "true"),
        "acai: Invalid memory: 12XB");
    assertOneLineError(
        cli.run("job", "run", "--name", "x", "--output", "o"), "acai: Missing command");
    assertOneLineError(
        cli.run("job", "run", "--name", "x", "--output", "o", "--input", "nope", "--", "true"),
        "acai: No such file set");
    assertOneLineError(cli.run("job", "status", "999999"), "acai: No such job: 999999");
    assertOneLineError(cli.run("job", "lineage"), "acai: Give a job id or --fileset NAME");
    assertThat(cli.run("job", "run", "--timeout", "soon", "--", "true").code()).isEqualTo(2);
    assertThat(cli.run("job", "ls").out()).contains("No jobs yet");
  }

  private static void assertOneLineError(CliRunner.Result result, String prefix) {
    assertThat(result.code()).as(result.out()).isEqualTo(1);
    assertThat(result.err()).startsWith(prefix).doesNotContain("\tat ");
    assertThat(result.err().strip()).doesNotContain("\n");
  }
}
