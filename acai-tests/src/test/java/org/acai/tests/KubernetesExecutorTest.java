package org.acai.tests;

import static org.acai.tests.TestKubelet.running;
import static org.acai.tests.TestKubelet.terminated;
import static org.acai.tests.TestKubelet.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.acai.api.error.NotAuthenticatedException;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobState;
import org.acai.api.job.JobStatus;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobSpec;
import org.acai.sdk.MetaClient;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ACAI_EXECUTOR=kubernetes} against the fabric8 mock API server, with {@link TestKubelet}
 * moving pods through their states: every state mapping, kill, timeout and restart.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesExecutorTest {
  static KubernetesClient client;
  static KubernetesMockServer server;

  @RegisterExtension
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension().withEnv(KubernetesExecutorTest::executorEnv);

  private static final Duration LIMIT = Duration.ofSeconds(20);

  private String userToken;
  private AcaiClient user;
  private TestKubelet kubelet;

  static Map<String, String> executorEnv() {
    try {
      Path kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
      Files.writeString(
          kubeconfig,
          "apiVersion: v1\nkind: Config\ncurrent-context: mock\n"
              + "clusters: [{name: mock, cluster: {server: \""
              + client.getMasterUrl()
              + "\"}}]\n"
              + "contexts: [{name: mock, context: {cluster: mock, user: u, namespace: "
              + TestKubelet.NAMESPACE
              + "}}]\n"
              + "users: [{name: u, user: {token: t}}]\n");
      return Map.ofEntries(
          Map.entry("ACAI_EXECUTOR", "kubernetes"),
          Map.entry("ACAI_K8S_KUBECONFIG", kubeconfig.toString()),
          Map.entry("ACAI_K8S_AGENT_IMAGE", "registry.example/acai:1"),
          Map.entry("ACAI_K8S_SERVER_URL", "http://acai.acai.svc:8080"),
          Map.entry("ACAI_K8S_POLL_MILLIS", "50"),
          Map.entry("ACAI_MAX_CODE_SIZE", "64Mi"),
          Map.entry("ACAI_K8S_PULL_GRACE_SECONDS", "1"),
          Map.entry("ACAI_K8S_NODE_SELECTOR", "pool=gpu"),
          Map.entry("ACAI_K8S_TOLERATIONS", "gpu=true:NoSchedule"),
          Map.entry("ACAI_K8S_IMAGE_PULL_SECRETS", "regcred"),
          Map.entry("ACAI_K8S_SERVICE_ACCOUNT", "acai-job"),
          Map.entry("ACAI_K8S_LABELS", "team=ml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeEach
  void newUser() {
    userToken = SERVER.newUserToken(SERVER.newProject()).userToken();
    user = AcaiClient.connect(SERVER.endpoint(), userToken);
    kubelet = new TestKubelet(client);
  }

  private JobInfo submit(String command, Duration timeout) {
    return user.jobs()
        .submit(
            JobSpec.builder()
                .name("k8s")
                .command(command)
                .containerImage("docker.io/library/python:3.12")
                .outputPath("./out/")
                .resources("0.5", "1", "64Mi")
                .timeout(timeout)
                .build());
  }

  private JobState awaitStatus(long id, JobStatus status) {
    return await()
        .atMost(LIMIT)
        .until(() -> user.jobs().state(id), state -> state.jobStatus() == status);
  }

  @Test
  void eachJobIsOneBatchJobWithTheTokenOnlyInASecret() {
    JobInfo job = submit("python3 train.py", Duration.ofMinutes(5));
    Job k8s = kubelet.awaitJob(job.id());
    PodSpec pod = k8s.getSpec().getTemplate().getSpec();

    assertThat(k8s.getSpec().getBackoffLimit()).isZero();
    assertThat(k8s.getSpec().getActiveDeadlineSeconds()).isEqualTo(300L);
    assertThat(k8s.getMetadata().getLabels())
        .containsEntry("team", "ml")
        .containsEntry("acai.io/job-id", Long.toString(job.id()));
    assertThat(pod.getInitContainers())
        .extracting(Container::getName)
        .containsExactly("acai-stage", "job");
    assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("acai-upload");
    assertThat(pod.getInitContainers().get(0).getArgs())
        .containsSequence("--max-code-size", Long.toString(64L << 20));
    Container main = pod.getInitContainers().get(1);
    assertThat(main.getImage()).isEqualTo("docker.io/library/python:3.12");
    assertThat(main.getCommand()).startsWith("/bin/sh", "-c");
    assertThat(main.getEnv()).anyMatch(env -> env.getValue().equals("python3 train.py"));
    assertThat(main.getResources().getLimits()).containsKeys("cpu", "memory", "nvidia.com/gpu");
    assertThat(main.getResources().getLimits().get("cpu").toString()).isEqualTo("500m");
    assertThat(main.getVolumeMounts()).noneMatch(mount -> mount.getName().equals("token"));
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getServiceAccountName()).isEqualTo("acai-job");
    assertThat(pod.getNodeSelector()).containsEntry("pool", "gpu");
    assertThat(pod.getTolerations()).anyMatch(t -> "gpu".equals(t.getKey()));
    assertThat(pod.getImagePullSecrets()).anyMatch(s -> "regcred".equals(s.getName()));
    String token = kubelet.token(job.id());
    assertThat(Serialization.asYaml(k8s)).doesNotContain(token);
    assertThat(AcaiClient.connect(SERVER.endpoint(), token).jobs().find(job.id()).id())
        .isEqualTo(job.id());
  }

  @Test
  void podStatesMapToJobStatesAndTheAgentsUploadFinishesTheJob() throws Exception {
    JobInfo job = submit("python3 train.py", null);
    String pod = kubelet.createPod(job.id());
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/test/pods/" + pod + "/log?pretty=false&container=job&follow=true")
        .andReturn(200, "epoch 1\n[ACAI_TAG_NUM] accuracy=0.9\nepoch 2\n")
        .always();

    kubelet.unschedulable(pod, "0/3 nodes are available: 3 Insufficient nvidia.com/gpu.");
    assertThat(awaitStatus(job.id(), JobStatus.QUEUEING).reason())
        .contains("3 Insufficient nvidia.com/gpu");
    kubelet.containers(pod, "Pending", List.of(running("acai-stage")), List.of());
    awaitStatus(job.id(), JobStatus.DOWNLOADING);
    kubelet.containers(
        pod,
        "Pending",
        List.of(terminated("acai-stage", 0, "Completed", null), running("job")),
        List.of());
    awaitStatus(job.id(), JobStatus.RUNNING);
    String token = kubelet.token(job.id());
    String report = AgentRun.upload(SERVER.endpoint(), job.id(), token, Map.of("m.txt", "w"), 0);
    kubelet.containers(
        pod,
        "Running",
        List.of(
            terminated("acai-stage", 0, "Completed", null),
            terminated("job", 0, "Completed", null)),
        List.of(running("acai-upload")));
    awaitStatus(job.id(), JobStatus.UPLOADING);
    kubelet.containers(
        pod,
        "Succeeded",
        List.of(
            terminated("acai-stage", 0, "Completed", null),
            terminated("job", 0, "Completed", null)),
        List.of(terminated("acai-upload", 0, "Completed", report)));

    JobState done = awaitStatus(job.id(), JobStatus.FINISHED);
    assertThat(done.outputFileSet()).isEqualTo("job_" + job.id() + "_output:1");
    assertThat(user.jobs().history(job.id()))
        .anyMatch(line -> line.contains("QUEUEING"))
        .anyMatch(line -> line.contains("UPLOADING"));
    assertThat(user.jobs().log(job.id()))
        .contains("epoch 1\n[ACAI_TAG_NUM] accuracy=0.9\nepoch 2")
        .contains("sha256:0123abcd");
    assertThat(user.meta().getMeta(MetaClient.JOB, List.of(job.id())).get(0))
        .containsEntry("__image_digest__", "sha256:0123abcd");
    await().atMost(LIMIT).until(() -> kubelet.job(job.id()) == null);
    assertThatThrownBy(() -> AcaiClient.connect(SERVER.endpoint(), token).jobs().find(job.id()))
        .isInstanceOf(NotAuthenticatedException.class);
  }

  @Test
  void aFailingCommandFailsWithItsExitCodeAfterUploadingPartialOutputs() throws Exception {
    JobInfo job = submit("exit 3", null);
    String pod = kubelet.createPod(job.id());
    String report =
        AgentRun.upload(SERVER.endpoint(), job.id(), kubelet.token(job.id()), Map.of(), 3);
    kubelet.containers(
        pod,
        "Succeeded",
        List.of(
            terminated("acai-stage", 0, "Completed", null),
            terminated("job", 0, "Completed", null)),
        List.of(terminated("acai-upload", 0, "Completed", report)));

    JobState failed = awaitStatus(job.id(), JobStatus.FAILED);
    assertThat(failed.exitCode()).isEqualTo(3);
    assertThat(failed.reason()).isEqualTo("exit code 3");
  }

  @Test
  void aCommandKilledBySignalFailsWithTheCodeAndOomIsContainerCrashed() {
    JobInfo signalled = submit("sleep 1000", null);
    JobInfo oom = submit("python3 hog.py", null);
    String first = kubelet.createPod(signalled.id());
    String second = kubelet.createPod(oom.id());
    kubelet.containers(
        first,
        "Failed",
        List.of(
            terminated("acai-stage", 0, "Completed", null), terminated("job", 143, "Error", null)),
        List.of());
    kubelet.containers(
        second,
        "Failed",
        List.of(
            terminated("acai-stage", 0, "Completed", null),
            terminated("job", 137, "OOMKilled", null)),
        List.of());

    assertThat(awaitStatus(signalled.id(), JobStatus.FAILED).exitCode()).isEqualTo(143);
    assertThat(awaitStatus(oom.id(), JobStatus.CONTAINER_CRASHED).reason()).contains("OOMKilled");
  }

  @Test
  void anImageThatCannotBePulledFailsAfterTheGracePeriodAndStagingErrorsFail() {
    JobInfo job = submit("true", null);
    String pod = kubelet.createPod(job.id());
    kubelet.containers(
        pod,
        "Pending",
        List.of(
            terminated("acai-stage", 0, "Completed", null),
            waiting("job", "ImagePullBackOff", "not found")),
        List.of());

    assertThat(awaitStatus(job.id(), JobStatus.FAILED).reason())
        .startsWith("Cannot pull image example.invalid/nope:1: ImagePullBackOff");

    JobInfo staging = submit("true", null);
    String other = kubelet.createPod(staging.id());
    kubelet.containers(
        other,
        "Failed",
        List.of(terminated("acai-stage", 1, "Error", "acai: No such file set: in")),
        List.of());
    assertThat(awaitStatus(staging.id(), JobStatus.FAILED).reason())
        .isEqualTo("Cannot stage inputs: acai: No such file set: in");
  }

  @Test
  void killDeletesTheJobAndTimeoutIsKilledWithReason() {
    JobInfo job = submit("sleep 1000", null);
    String pod = kubelet.createPod(job.id());
    kubelet.containers(pod, "Pending", List.of(running("acai-stage")), List.of());
    awaitStatus(job.id(), JobStatus.DOWNLOADING);

    user.jobs().kill(job.id());

    assertThat(awaitStatus(job.id(), JobStatus.KILLED).reason()).isEqualTo("killed");
    assertThat(kubelet.job(job.id())).isNull();

    JobInfo slow = submit("sleep 1000", Duration.ofSeconds(30));
    kubelet.awaitJob(slow.id());
    kubelet.deadlineExceeded(slow.id());
    assertThat(awaitStatus(slow.id(), JobStatus.KILLED).reason()).isEqualTo("timeout after 30 s");
  }

  @Test
  void aJobWaitingForANodeIsNotLaunchedTwiceAndCanBeKilled() throws Exception {
    JobInfo job = submit("true", null);
    String pod = kubelet.createPod(job.id());
    kubelet.unschedulable(pod, "0/1 nodes are available");
    awaitStatus(job.id(), JobStatus.QUEUEING);
    Thread.sleep(300);

    assertThat(
            client
                .batch()
                .v1()
                .jobs()
                .inNamespace("test")
                .withLabel("acai.io/job-id", Long.toString(job.id()))
                .list()
                .getItems())
        .hasSize(1);
    user.jobs().kill(job.id());
    awaitStatus(job.id(), JobStatus.KILLED);
    assertThat(kubelet.job(job.id())).isNull();
  }

  @Test
  void aRestartedServerReattachesToRunningJobsAndDeletesOrphans() throws Exception {
    JobInfo job = submit("python3 train.py", null);
    String pod = kubelet.createPod(job.id());
    kubelet.containers(
        pod,
        "Pending",
        List.of(terminated("acai-stage", 0, "Completed", null), running("job")),
        List.of());
    awaitStatus(job.id(), JobStatus.RUNNING);
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace("test")
        .resource(
            new JobBuilder()
                .withNewMetadata()
                .withName("acai-job-999999")
                .addToLabels("app.kubernetes.io/managed-by", "acai")
                .addToLabels("acai.io/job-id", "999999")
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .build())
        .create();

    SERVER.restart();
    user = AcaiClient.connect(SERVER.endpoint(), userToken);

    await()
        .atMost(LIMIT)
        .until(
            () ->
                client.batch().v1().jobs().inNamespace("test").withName("acai-job-999999").get()
                    == null);
    assertThat(user.jobs().state(job.id()).jobStatus()).isEqualTo(JobStatus.RUNNING);
    String report =
        AgentRun.upload(SERVER.endpoint(), job.id(), kubelet.token(job.id()), Map.of(), 0);
    kubelet.containers(
        pod,
        "Succeeded",
        List.of(
            terminated("acai-stage", 0, "Completed", null),
            terminated("job", 0, "Completed", null)),
        List.of(terminated("acai-upload", 0, "Completed", report)));
    awaitStatus(job.id(), JobStatus.FINISHED);
    assertThat(user.jobs().log(job.id())).contains("re-attached");
  }
}
