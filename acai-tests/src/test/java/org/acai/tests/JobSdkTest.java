package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acai.api.error.ConflictException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileSetException;
import org.acai.api.error.NoSuchJobException;
import org.acai.api.identity.CreateUserResponse;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobState;
import org.acai.api.job.JobStatus;
import org.acai.api.job.Lineage;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.Job;
import org.acai.sdk.JobClient;
import org.acai.sdk.JobSpec;
import org.acai.sdk.auth.Credentials;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Java SDK's jobs against a real server: the original workflow, waiting, kill, logs. */
class JobSdkTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final String WORDCOUNT =
      "import sys, collections, os\n"
          + "counts = collections.Counter(w for line in sys.stdin for w in line.split())\n"
          + "with open(os.path.join(sys.argv[1], 'wordcount.txt'), 'w') as out:\n"
          + "    out.write(''.join(f'{w} {c}\\n' for w, c in counts.most_common()))\n";

  private Wire wire;
  private AcaiClient client;
  private JobClient jobs;

  @BeforeEach
  void newProjectWithTexts() {
    TestProject project = SERVER.newProject();
    CreateUserResponse user = SERVER.newUserToken(project);
    wire = new Wire(SERVER.endpoint(), user.userToken());
    client = AcaiClient.connect(SERVER.endpoint(), user.userToken());
    jobs = client.jobs();
    Credentials.login(SERVER.endpoint(), user.userToken(), project.name());
    wire.upload(
        List.of("/texts/a.txt", "/texts/b.txt", "/wordcount.zip"),
        List.of(
            "to be or not to be\n".getBytes(UTF_8),
            "be quick\n".getBytes(UTF_8),
            Zips.of(Map.of("wordcount.py", WORDCOUNT))));
    wire.post(
        "/storage/create_file_set",
        Map.of("name", "texts", "files", List.of("/texts/a.txt", "/texts/b.txt")));
  }

  @AfterEach
  void logout() {
    Credentials.logout();
  }

  @Test
  void seedWorkflowFinishesWithReadableOutputSet() {
    Map<String, Object> attr =
        Map.of(
            "v_cpu", "0.2",
            "memory", "64Mi",
            "gpu", "0",
            "command", "mkdir -p ./my_output/ && (cat texts/* | python3 wordcount.py ./my_output/)",
            "container_image", "pytorch/pytorch",
            "input_file_set", "texts",
            "output_path", "./my_output/",
            "code", "/wordcount.zip",
            "description", "count some words",
            "name", "my_acai_job");

    Job job = new Job().withAttributes(attr).register().run();

    assertThat(job.waitFor(LIMIT)).isEqualTo(JobStatus.FINISHED);
    assertThat(job.getOutputFileSet()).isEqualTo("job_" + job.id() + "_output:1");
    assertThat(Job.checkJobStatus(job.id())).isEqualTo(JobStatus.FINISHED);
    assertThat(Job.find(job.id()).dict())
        .containsEntry("name", "my_acai_job")
        .containsEntry("input_file_set", "texts:1")
        .containsEntry("code", "/wordcount.zip:1")
        .containsEntry("memory", "64Mi");
    assertThat(Job.listJobs()).extracting(Job::id).containsExactly(job.id());
    String url =
        wire.get("/storage/download_file", "path", "/my_output/wordcount.txt")
            .json()
            .get("s3_url")
            .asText();
    assertThat(Http.get(java.net.URI.create(url), "").text())
        .startsWith("be 3\n")
        .contains("to 2\n");
  }

  @Test
  void jobWithoutInputOrOutputStillPassesEveryStepInOrderWithItsLogLines() {
    JobInfo job =
        jobs.submit(
            JobSpec.builder()
                .name("plain")
                .command("echo a; echo b >&2; echo c")
                .outputPath("o")
                .build());

    assertThat(jobs.waitFor(job.id(), LIMIT).jobStatus()).isEqualTo(JobStatus.FINISHED);

    assertThat(jobs.history(job.id()))
        .extracting(line -> line.split(" ", 2)[1])
        .containsExactly(
            "QUEUEING: queued",
            "LAUNCHING: launching on " + jobs.history(job.id()).get(1).split(" on ", 2)[1],
            "DOWNLOADING: no input or code to stage",
            jobs.history(job.id()).get(3).split(" ", 2)[1],
            "UPLOADING: no files under ./o/",
            "FINISHED: completed");
    assertThat(jobs.history(job.id()).get(3)).contains("RUNNING: started in ");
    assertThat(jobs.log(job.id()).lines().toList())
        .containsExactlyInAnyOrder("a", "b", "c", "[acai] no files under ./o/; no output file set")
        .endsWith("[acai] no files under ./o/; no output file set");
  }

  @Test
  void logLongerThanOneBatchKeepsEveryLineInOrder() {
    JobInfo job =
        jobs.submit(JobSpec.builder().name("chatty").command("seq 1 450").outputPath("o").build());

    assertThat(jobs.waitFor(job.id(), LIMIT).jobStatus()).isEqualTo(JobStatus.FINISHED);

    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 450; i++) {
      expected.add(Integer.toString(i));
    }
    expected.add("[acai] no files under ./o/; no output file set");
    assertThat(jobs.log(job.id()).lines().toList()).isEqualTo(expected);
  }

  @Test
  void jobThatDoesNotFitWaitsQueuedWithItsReasonUntilCapacityFrees() {
    int cpus = Runtime.getRuntime().availableProcessors();
    JobInfo big =
        jobs.submit(
            JobSpec.builder()
                .name("big")
                .command("sleep 1")
                .outputPath("o")
                .resources(cpus, null, null)
                .build());
    JobInfo small =
        jobs.submit(
            JobSpec.builder()
                .name("small")
                .command("true")
                .outputPath("o")
                .resources("500m", null, null)
                .build());

    await().atMost(LIMIT).until(() -> jobs.status(big.id()) == JobStatus.RUNNING);
    JobState waiting = jobs.state(small.id());

    assertThat(waiting.jobStatus()).isEqualTo(JobStatus.QUEUEING);
    assertThat(waiting.reason()).startsWith("queued: needs 0.50 vCPU, ");
    assertThat(jobs.waitFor(small.id(), LIMIT).jobStatus()).isEqualTo(JobStatus.FINISHED);
    assertThat(jobs.status(big.id())).isEqualTo(JobStatus.FINISHED);
  }

  @Test
  void jobsBehindOneThatDoesNotFitKeepTheirPlaceInTheQueue() {
    int cpus = Runtime.getRuntime().availableProcessors();
    JobInfo first = jobs.submit(sized("first", "sleep 1", "1"));
    await().atMost(LIMIT).until(() -> jobs.status(first.id()) == JobStatus.RUNNING);
    JobInfo whole = jobs.submit(sized("whole", "true", Integer.toString(cpus)));
    JobInfo tiny = jobs.submit(sized("tiny", "true", "100m"));

    await().atMost(LIMIT).until(() -> jobs.state(whole.id()).reason().startsWith("queued: needs"));
    JobState behind = jobs.state(tiny.id());

    assertThat(jobs.status(first.id())).isEqualTo(JobStatus.RUNNING);
    assertThat(behind.jobStatus()).as("%s", behind).isEqualTo(JobStatus.QUEUEING);
    assertThat(jobs.waitForAll(List.of(first.id(), whole.id(), tiny.id()), LIMIT))
        .extracting(JobState::jobStatus)
        .containsOnly(JobStatus.FINISHED);
  }

  private static JobSpec sized(String name, String command, String cpus) {
    return JobSpec.builder()
        .name(name)
        .command(command)
        .outputPath("o")
        .resources(cpus, null, null)
        .build();
  }

  @Test
  void lineageLinksInputsCodeJobAndOutput() {
    JobInfo job = jobs.submit(wordCount().build());
    jobs.waitFor(job.id(), LIMIT);

    Lineage ofOutput = jobs.lineage("job_" + job.id() + "_output", 3);
    Lineage ofJob = jobs.lineage(job.id(), 3);

    assertThat(ofOutput.root()).isEqualTo("@job_" + job.id() + "_output:1");
    assertThat(ofOutput.upstream()).hasSize(1);
    assertThat(ofOutput.upstream().get(0).inputs()).contains("@texts:1", "/wordcount.zip:1");
    assertThat(ofOutput.upstream().get(0).jobStatus()).isEqualTo(JobStatus.FINISHED);
    assertThat(ofJob.job().outputs()).containsExactly("@job_" + job.id() + "_output:1");
    assertThatThrownBy(() -> jobs.lineage("no_such_set", 3))
        .isInstanceOf(NoSuchFileSetException.class);
  }

  @Test
  void failingCommandReadsFailedWithReasonAndExitCode() {
    JobInfo job =
        jobs.submit(
            JobSpec.builder()
                .name("fails")
                .command("echo oops >&2; exit 3")
                .outputPath("o")
                .build());

    JobState end = jobs.waitFor(job.id(), LIMIT);

    assertThat(end.jobStatus()).isEqualTo(JobStatus.FAILED);
    assertThat(end.reason()).isEqualTo("exit code 3");
    assertThat(end.exitCode()).isEqualTo(3);
    assertThat(jobs.log(job.id())).contains("oops");
    assertThat(jobs.history(job.id()))
        .anyMatch(line -> line.contains("QUEUEING"))
        .anyMatch(line -> line.contains("RUNNING"))
        .last()
        .asString()
        .contains("FAILED: exit code 3");
  }

  @Test
  void killEndsARunningJobAndSecondKillConflicts() {
    Job job =
        client
            .jobs()
            .newJob()
            .withAttributes(
                Map.of("name", "sleeper", "command", "echo started; sleep 600", "output_path", "o"))
            .run();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> jobs.status(job.id()) == JobStatus.RUNNING);

    job.kill();

    assertThat(job.waitFor(Duration.ofSeconds(10))).isEqualTo(JobStatus.KILLED);
    assertThatThrownBy(job::kill)
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("it is KILLED");
    assertThatThrownBy(job::run).isInstanceOf(ConflictException.class);
  }

  @Test
  void followLogDeliversEveryLineInOrderThenTheEnd() {
    Job job =
        client
            .jobs()
            .newJob()
            .withAttributes(
                Map.of(
                    "name",
                    "chatty",
                    "command",
                    "mkdir o; for i in 1 2 3 4 5; do echo line$i; sleep 0.2; done; touch o/done",
                    "output_path",
                    "o"))
            .run();
    List<String> lines = new ArrayList<>();

    JobStatus end = job.followLog(lines::add);

    assertThat(end).isEqualTo(JobStatus.FINISHED);
    assertThat(lines).containsExactly("line1", "line2", "line3", "line4", "line5");
    assertThat(job.getLog()).isEqualTo("line1\nline2\nline3\nline4\nline5");
  }

  @Test
  void waitForReturnsTheCurrentStateWhenTheTimeoutPassesFirst() {
    JobInfo job =
        jobs.submit(JobSpec.builder().name("slow").command("sleep 30").outputPath("o").build());

    JobState state = jobs.waitFor(job.id(), Duration.ofMillis(300));

    assertThat(state.isTerminal()).isFalse();
    jobs.kill(job.id());
  }

  @Test
  void waitForAllReturnsEveryEndInTheOrderAsked() {
    List<Long> ids = new ArrayList<>();
    for (String command : List.of("sleep 0.3", "exit 2", "true")) {
      ids.add(
          jobs.submit(JobSpec.builder().name("many").command(command).outputPath("o").build())
              .id());
    }

    List<JobState> ends = jobs.waitForAll(ids, LIMIT);

    assertThat(ends).extracting(JobState::id).containsExactlyElementsOf(ids);
    assertThat(ends)
        .extracting(JobState::jobStatus)
        .containsExactly(JobStatus.FINISHED, JobStatus.FAILED, JobStatus.FINISHED);
    assertThat(jobs.states(List.of(ids.get(1), 999_999L)))
        .extracting(JobState::jobStatus, JobState::exitCode)
        .containsExactly(tuple(JobStatus.FAILED, 2), tuple(JobStatus.UNKNOWN, null));
    assertThatThrownBy(() -> jobs.waitForAll(List.of(ids.get(0), 999_999L), LIMIT))
        .isInstanceOf(NoSuchJobException.class)
        .hasMessage("No such job: 999999");
  }

  @Test
  void serverRefusalsComeBackTyped() {
    assertThatThrownBy(() -> jobs.submit(wordCount().inputFileSet("nope").build()))
        .isInstanceOf(NoSuchFileSetException.class);
    assertThatThrownBy(() -> jobs.submit(wordCount().resources(null, "1", null).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("GPU");
    assertThatThrownBy(() -> jobs.find(999_999)).isInstanceOf(NoSuchJobException.class);
    assertThat(jobs.state(999_999).jobStatus()).isEqualTo(JobStatus.UNKNOWN);
    assertThat(jobs.status(999_999)).isEqualTo(JobStatus.UNKNOWN);
    assertThat(Job.checkJobStatus(999_999)).isEqualTo(JobStatus.UNKNOWN);
    assertThatThrownBy(() -> jobs.waitFor(999_999, LIMIT))
        .isInstanceOf(NoSuchJobException.class)
        .hasMessage("No such job: 999999");
    assertThatThrownBy(() -> new Job(client).withAttributes(Map.of("name", "x")).run())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Missing command");
    assertThat(jobs.list()).isEmpty();
  }

  private static JobSpec.Builder wordCount() {
    return JobSpec.builder()
        .name("wordcount")
        .command("mkdir -p out && cat texts/* | python3 wordcount.py out/")
        .inputFileSet("texts")
        .code("/wordcount.zip")
        .outputPath("./out/");
  }
}
