package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobStatus;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobSpec;
import org.acai.sdk.ProjectClient;
import org.acai.server.db.DbConfig;
import org.acai.testkit.SharedPostgres;
import org.acai.testkit.s3.S3ProxyExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two {@code acai server} processes on one external PostgreSQL and one S3 store (S3Proxy), as
 * replicas behind a load balancer: data and jobs are shared, every job runs exactly once, a kill
 * reaches the replica running the job, and the jobs of a replica killed with SIGKILL are failed
 * with a reason by the other once its lease (3 s here) expires — none stays live.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {
  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final String LEASE = "3s";

  private static DbConfig db;
  private static Path base;
  private static final List<ServerProcess> REPLICAS = new ArrayList<>();
  private static final List<AcaiClient> CLIENTS = new ArrayList<>();

  @BeforeAll
  static void startTwoReplicas() throws Exception {
    db = SharedPostgres.newDatabase();
    base = Files.createTempDirectory("acai-replicas");
    Map<String, String> env = new HashMap<>(S3.acaiEnv("replicas/"));
    env.put("ACAI_DB_URL", db.jdbcUrl());
    env.put("ACAI_DB_USER", db.user());
    env.put("ACAI_REPLICA_LEASE", LEASE);
    if (!Files.isExecutable(Path.of("/usr/bin/bwrap"))) {
      env.put("ACAI_SANDBOX", "none");
    }
    for (String name : List.of("a", "b")) {
      REPLICAS.add(ServerProcess.start(List.of(), ServerProcess.JAR, base.resolve(name), env));
    }
    // The first replica made the admin token; the second found it in the database.
    String admin = Files.readString(base.resolve("a/admin-token"), StandardCharsets.UTF_8).strip();
    assertThat(base.resolve("b/admin-token")).doesNotExist();
    ProjectClient projects = new ProjectClient(URI.create(REPLICAS.get(0).url));
    CreateProjectResponse project = projects.createProject("shared", admin, "alice");
    String token = projects.createUser("shared", project.projectAdminToken(), "bob").userToken();
    for (ServerProcess replica : REPLICAS) {
      CLIENTS.add(AcaiClient.connect(URI.create(replica.url), token));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (ServerProcess replica : REPLICAS) {
      replica.process.destroy();
      replica.process.waitFor(30, TimeUnit.SECONDS);
    }
    if (base != null) {
      new ProcessBuilder("rm", "-rf", base.toString()).start().waitFor();
    }
  }

  @Test
  @Order(1)
  void anUploadThroughOneReplicaIsReadThroughTheOther() throws IOException {
    Path local = Files.writeString(base.resolve("hello.txt"), "hello from a\n");
    CLIENTS.get(0).files().upload(Map.of(local.toString(), "/shared/hello.txt"));

    Path back = base.resolve("back.txt");
    CLIENTS.get(1).files().download(Map.of("/shared/hello.txt", back.toString()));

    assertThat(Files.readString(back)).isEqualTo("hello from a\n");
    assertThat(CLIENTS.get(1).files().listDir("/shared")).hasSize(1);
  }

  @Test
  @Order(2)
  void twoHundredJobsSubmittedAcrossReplicasEachRunExactlyOnce() throws SQLException {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ids.add(CLIENTS.get(i % 2).jobs().submit(job("echo job-" + i)).id());
    }
    for (long id : ids) {
      // Waited for (and read) through the replica that did not take the submission.
      CLIENTS.get((int) (id % 2)).jobs().waitFor(id, LIMIT);
    }

    assertThat(count("SELECT count(*) FROM jobs WHERE status = 'FINISHED'")).isEqualTo(200);
    assertThat(
            count(
                "SELECT count(*) FROM (SELECT job_id FROM job_events WHERE status = 'RUNNING'"
                    + " GROUP BY job_id HAVING count(*) = 1) once"))
        .isEqualTo(200);
    assertThat(count("SELECT count(DISTINCT owner) FROM jobs")).isEqualTo(2);
    long last = ids.get(ids.size() - 1);
    assertThat(CLIENTS.get(0).jobs().log(last)).contains("job-199");
    assertThat(CLIENTS.get(1).jobs().log(last)).contains("job-199");
  }

  @Test
  @Order(3)
  void aLogIsFollowedLiveThroughTheReplicaThatDoesNotRunTheJob() throws InterruptedException {
    long id =
        CLIENTS.get(0).jobs().submit(job("for i in 1 2 3; do echo line-$i; sleep 1; done")).id();
    awaitOwner(id);
    AcaiClient other = CLIENTS.get(owner(id).equals(replicaId(0)) ? 1 : 0);
    Map<String, Long> seenAt = new HashMap<>();

    JobStatus end = other.jobs().followLog(id, line -> seenAt.put(line.strip(), System.nanoTime()));

    assertThat(end).isEqualTo(JobStatus.FINISHED);
    assertThat(seenAt).containsKeys("line-1", "line-2", "line-3");
    // Streamed as written, not delivered at the end: the job sleeps 2 s between line-1 and line-3.
    assertThat(TimeUnit.NANOSECONDS.toMillis(seenAt.get("line-3") - seenAt.get("line-1")))
        .isGreaterThan(1500);
  }

  @Test
  @Order(4)
  void aKillThroughEitherReplicaReachesTheOneRunningTheJob() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(CLIENTS.get(0).jobs().submit(job("sleep 60")).id());
    }
    awaitRunning(ids);

    for (long id : ids) {
      // Half through the replica that runs the job, half through the other one.
      int via = owner(id).equals(replicaId(0)) == (id % 2 == 0) ? 0 : 1;
      CLIENTS.get(via).jobs().kill(id);
    }
    for (long id : ids) {
      CLIENTS.get(1).jobs().waitFor(id, Duration.ofSeconds(20));
      assertThat(CLIENTS.get(1).jobs().find(id).jobStatus()).isEqualTo(JobStatus.KILLED);
    }
  }

  @Test
  @Order(5)
  void theJobsOfAReplicaKilledWithSigkillAreFailedByTheOtherWithAReason() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(CLIENTS.get(i % 2).jobs().submit(job("sleep 20")).id());
    }
    awaitRunning(ids);
    String victim = replicaId(1);
    List<Long> victims = ids.stream().filter(id -> owner(id).equals(victim)).toList();
    assertThat(victims).isNotEmpty();

    REPLICAS.get(1).kill9();

    AcaiClient survivor = CLIENTS.get(0);
    for (long id : victims) {
      survivor.jobs().waitFor(id, Duration.ofSeconds(30));
      JobInfo job = survivor.jobs().find(id);
      assertThat(job.jobStatus()).isEqualTo(JobStatus.FAILED);
      assertThat(job.reason()).isEqualTo("replica " + victim + " stopped (no heartbeat for 3 s)");
    }
    for (long id : ids) {
      if (!victims.contains(id)) {
        survivor.jobs().waitFor(id, LIMIT);
        assertThat(survivor.jobs().find(id).jobStatus()).isEqualTo(JobStatus.FINISHED);
      }
    }
    assertThat(
            count(
                "SELECT count(*) FROM jobs WHERE status NOT IN"
                    + " ('FINISHED', 'FAILED', 'KILLED', 'CONTAINER_CRASHED')"))
        .isZero();
  }

  private static JobSpec job(String command) {
    return JobSpec.builder().name("replicated").command(command).outputPath("out").build();
  }

  private static void awaitOwner(long id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (owner(id) == null) {
      assertThat(System.nanoTime()).as("job %d claimed", id).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static void awaitRunning(List<Long> ids) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (ids.stream()
          .allMatch(id -> CLIENTS.get(0).jobs().find(id).jobStatus() == JobStatus.RUNNING)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("jobs did not all reach RUNNING: " + ids);
  }

  private static String replicaId(int index) {
    try {
      return Files.readString(base.resolve(index == 0 ? "a" : "b").resolve("replica-id")).strip();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String owner(long id) {
    return query("SELECT owner FROM jobs WHERE id = " + id);
  }

  private static long count(String sql) {
    return Long.parseLong(query(sql));
  }

  private static String query(String sql) {
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), null);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
  }
}
