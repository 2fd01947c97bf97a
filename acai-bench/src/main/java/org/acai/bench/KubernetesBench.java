package org.acai.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.bench.job.ServerQueries;
import org.acai.bench.job.Stats;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobSpec;
import org.acai.sdk.ProjectClient;
import org.acai.server.AcaiServer;
import org.acai.server.auth.AdminToken;
import org.acai.server.config.ServerConfig;
import org.slf4j.LoggerFactory;

/**
 * {@code ./bench KubernetesBench [jobs]}: jobs through the Kubernetes executor against the fabric8
 * mock API server (CRUD mode): submit to Job-created latency (the Job seen by a watch), scheduler
 * throughput, and database transactions per job (PostgreSQL's commit counter: each lone statement
 * is one).
 */
public final class KubernetesBench {
  private KubernetesBench() {}

  /** Runs the benchmark and prints its table. */
  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    for (String name : new String[] {Logger.ROOT_LOGGER_NAME, "acai.access", "io.fabric8"}) {
      if (LoggerFactory.getLogger(name) instanceof Logger logger) {
        logger.setLevel(Level.WARN);
      }
    }
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    Locale.setDefault(Locale.ROOT);
    KubernetesMockServer cluster =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    cluster.init();
    Path home = Files.createTempDirectory("acai-k8s-bench");
    try (KubernetesClient client = cluster.createClient()) {
      ServerConfig config =
          ServerConfig.fromEnv(env(client, home)).withHome(home).withPorts(0, null);
      try (AcaiServer server = AcaiServer.start(config)) {
        run(server, client, user(server, home), count);
      }
    } finally {
      cluster.destroy();
    }
  }

  private static void run(AcaiServer server, KubernetesClient client, AcaiClient user, int count)
      throws InterruptedException {
    Map<Long, Long> created = new ConcurrentHashMap<>();
    Watcher<Job> watcher =
        new Watcher<>() {
          @Override
          public void eventReceived(Action action, Job job) {
            if (action == Action.ADDED) {
              String id = job.getMetadata().getLabels().get("acai.io/job-id");
              created.putIfAbsent(Long.parseLong(id), System.nanoTime());
            }
          }

          @Override
          public void onClose(WatcherException cause) {}
        };
    user.jobs().submit(spec(-1));
    Watch watch = client.batch().v1().jobs().inNamespace("bench").watch(watcher);
    try {
      long commitsBefore = commits(server);
      Map<Long, Long> submitted = new HashMap<>();
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        long before = System.nanoTime();
        submitted.put(user.jobs().submit(spec(i)).id(), before);
      }
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (!created.keySet().containsAll(submitted.keySet()) && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      long end = created.values().stream().mapToLong(Long::longValue).max().orElse(start);
      long commits = commits(server) - commitsBefore;
      List<Double> latencies = new ArrayList<>();
      submitted.forEach(
          (id, at) -> {
            if (created.containsKey(id)) {
              latencies.add((created.get(id) - at) / 1e6);
            }
          });
      System.out.printf("Kubernetes executor, fabric8 CRUD mock, %d jobs%n", count);
      System.out.printf("  Jobs created                 %d%n", latencies.size());
      System.out.printf(
          "  submit->Job created p50      %.1f ms%n", Stats.percentile(latencies, 0.5));
      System.out.printf(
          "  submit->Job created p99      %.1f ms%n", Stats.percentile(latencies, 0.99));
      System.out.printf(
          "  throughput (submit..last Job) %.1f jobs/s%n", count / ((end - start) / 1e9));
      System.out.printf(
          "  DB transactions per job      %.1f (submit, claim, launch, and the idle scheduler's 1/s claims)%n",
          commits / (double) count);
    } finally {
      watch.close();
    }
  }

  private static long commits(AcaiServer server) {
    return ServerQueries.number(
        server, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
  }

  private static JobSpec spec(int i) {
    return JobSpec.builder()
        .name("bench-" + i)
        .command("true")
        .outputPath("./out/")
        .resources("0.1", "0", "16Mi")
        .build();
  }

  private static Map<String, String> env(KubernetesClient client, Path home) throws IOException {
    Path kubeconfig = home.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        "apiVersion: v1\nkind: Config\ncurrent-context: mock\n"
            + "clusters: [{name: mock, cluster: {server: \""
            + client.getMasterUrl()
            + "\"}}]\ncontexts: [{name: mock, context: {cluster: mock, user: u, namespace: bench}}]\n"
            + "users: [{name: u, user: {token: t}}]\n",
        StandardCharsets.UTF_8);
    return Map.of(
        "ACAI_EXECUTOR", "kubernetes",
        "ACAI_K8S_KUBECONFIG", kubeconfig.toString(),
        "ACAI_K8S_AGENT_IMAGE", "registry.example/acai:1",
        "ACAI_K8S_SERVER_URL", "http://acai:8080");
  }

  private static AcaiClient user(AcaiServer server, Path home) throws IOException {
    String adminToken =
        Files.readString(home.resolve(AdminToken.FILE_NAME), StandardCharsets.UTF_8).strip();
    ProjectClient projects = new ProjectClient(server.url());
    CreateProjectResponse project = projects.createProject("bench", adminToken, "bench-admin");
    String token = projects.createUser("bench", project.projectAdminToken(), "bench").userToken();
    return AcaiClient.connect(server.url(), token);
  }
}
