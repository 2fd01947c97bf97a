package org.acai.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.api.job.JobStatus;
import org.acai.bench.job.BareProcess;
import org.acai.bench.job.CpuMeter;
import org.acai.bench.job.JobBatch;
import org.acai.bench.job.JobPhases;
import org.acai.bench.job.NoOpCalls;
import org.acai.bench.job.SandboxOnly;
import org.acai.bench.job.Stats;
import org.acai.bench.job.Table;
import org.acai.bench.job.WarmUp;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobClient;
import org.acai.sdk.JobSpec;
import org.acai.sdk.ProjectClient;
import org.acai.server.AcaiServer;
import org.acai.server.auth.AdminToken;
import org.acai.server.config.ServerConfig;
import org.acai.server.job.exec.container.ContainerEngine;
import org.acai.server.job.exec.local.Sandbox;
import org.slf4j.LoggerFactory;

/**
 * Job latency and throughput on embedded defaults, against a bare {@link ProcessBuilder} loop run
 * in the same process: submit→RUNNING (from the job's own status history), the time of each phase,
 * and the wall time of {@value #DEFAULT_BATCH} trivial jobs ({@code true}). Untimed batches run
 * first until the JIT compilers are done ({@link WarmUp}), so that the timed ones measure a server
 * at its steady state, as the bare loop is. The row "sandbox alone" runs the same jobs through the
 * server's own {@link Sandbox} only, several at a time with no server around it: the floor of a
 * sandboxed job on this machine.
 *
 * <p>Where a container engine answers and holds the image {@code BENCH_IMAGE} (default: the CI's
 * {@code localhost/acai-busybox:1}), a last section runs a quarter of the batch (at least 10)
 * through a second server with {@code ACAI_EXECUTOR=container}, beside a {@code docker run --rm}
 * loop.
 *
 * <p>Usage: {@code JobBench [batch-size] [latency-samples] [warm-up-batches]}; without a number of
 * warm-up batches, as many as it takes.
 */
public final class JobBench {
  static final int DEFAULT_BATCH = 100;
  private static final int DEFAULT_SAMPLES = 40;
  private static final int WARM_UP = 5;
  // Each batch is timed beside its own bare loop, several times: this machine's speed drifts.
  private static final int ROUNDS = 3;
  private static final int PARALLEL_SUBMITTERS = 4;
  private static final String COMMAND = "true";

  // Twice the cores, so that waits (namespace teardown, cgroup removal) overlap with work.
  /** Environment variable naming the image of the container rows. */
  private static final String IMAGE_ENV = "BENCH_IMAGE";

  private static final int SANDBOX_LANES = 2 * Runtime.getRuntime().availableProcessors();

  private JobBench() {}

  /** Runs the benchmark and prints its table. */
  public static void main(String[] args) throws IOException, InterruptedException {
    int batch = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_BATCH;
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_SAMPLES;
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    quietLogs();
    Path home = Files.createTempDirectory("acai-job-bench");
    Table table;
    ServerConfig config =
        ServerConfig.fromEnv(Map.of("ACAI_EXECUTOR", "local")).withHome(home).withPorts(0, null);
    try (AcaiServer server = AcaiServer.start(config)) {
      table = run(user(server, home), batch, samples, warmUp);
    }
    Optional<String> image = containerImage();
    if (image.isPresent()) {
      containers(image.get(), Math.max(10, batch / 4), table);
    } else {
      table.section("container executor: no engine answers, or it lacks " + IMAGE_ENV);
    }
    table.print(System.out);
  }

  /** The image for the container rows, where an engine answers and holds it. */
  private static Optional<String> containerImage() {
    String image = System.getenv().getOrDefault(IMAGE_ENV, "localhost/acai-busybox:1");
    Optional<ContainerEngine> engine = ContainerEngine.discover(System.getenv());
    try {
      return engine.filter(found -> found.hasImage(image)).map(found -> image);
    } finally {
      engine.ifPresent(ContainerEngine::close);
    }
  }

  /**
   * The same trivial jobs through a server whose executor is the container engine, beside {@code
   * docker run --rm} of the same image in a loop: what a user would otherwise type.
   */
  private static void containers(String image, int batch, Table table)
      throws IOException, InterruptedException {
    Path home = Files.createTempDirectory("acai-job-bench-containers");
    Map<String, String> env =
        Map.of("ACAI_EXECUTOR", "container", "ACAI_JOB_IMAGE", image, "ACAI_JOB_NETWORK", "none");
    ServerConfig config = ServerConfig.fromEnv(env).withHome(home).withPorts(0, null);
    try (AcaiServer server = AcaiServer.start(config)) {
      JobClient jobs = user(server, home).jobs();
      JobBatch.run(jobs, Math.max(1, batch / 4), PARALLEL_SUBMITTERS, JobBench::trivial);
      Optional<Double> docker = BareProcess.dockerLoop(image, COMMAND, batch);
      table.section(batch + " trivial jobs in containers of " + image);
      docker.ifPresent(millis -> table.row("docker run --rm loop, wall", millis, ""));
      for (int submitters : new int[] {1, PARALLEL_SUBMITTERS}) {
        JobBatch run = JobBatch.run(jobs, batch, submitters, JobBench::trivial);
        table.row("acai, " + submitters + " submitter(s), wall", run.wallMillis(), "");
        docker.ifPresent(
            millis -> table.ratio("  acai / the docker run loop", run.wallMillis() / millis, ""));
        table.row("  submit->RUNNING p50 (server)", run.phases().submitToRunning(0.5), "");
        table.row(
            "  RUNNING->UPLOADING p50 (container)", run.phases().phase(JobStatus.UPLOADING), "");
        table.row("  machine CPU per job", run.cpuMillis() / batch, "");
      }
    }
  }

  private static Table run(AcaiClient client, int batch, int samples, int warmUp)
      throws IOException, InterruptedException {
    Table table = latency(client.jobs(), samples);
    throughput(client, batch, warmUp, table);
    return table;
  }

  /** One job at a time; returns the table with this section filled in. */
  private static Table latency(JobClient jobs, int samples)
      throws IOException, InterruptedException {
    for (int i = 0; i < WARM_UP; i++) {
      jobs.waitFor(jobs.submit(trivial(i)).id());
      BareProcess.startAndWait(COMMAND);
    }
    JobPhases phases = new JobPhases();
    List<Double> submitCalls = new ArrayList<>();
    List<Double> clientEnd = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      long started = System.nanoTime();
      long id = jobs.submit(trivial(i)).id();
      submitCalls.add((System.nanoTime() - started) / 1e6);
      JobPhases.awaitEnd(jobs, id);
      clientEnd.add((System.nanoTime() - started) / 1e6);
      phases.add(jobs.history(id));
    }
    List<Double> bareStart = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      bareStart.add(BareProcess.startAndWait(COMMAND));
    }
    Table table = new Table("Jobs on embedded defaults, " + phases.runningReason());
    table.section("One job at a time (" + samples + " samples)");
    table.row("submit call p50 (client)", Stats.percentile(submitCalls, 0.5), "");
    table.row("submit->RUNNING p50 (server)", phases.submitToRunning(0.5), "<= 150 ms");
    table.row("submit->RUNNING p99 (server)", phases.submitToRunning(0.99), "");
    phases.phaseRows(table);
    table.row("submit->ended p50 (client)", Stats.percentile(clientEnd, 0.5), "");
    table.row("bare ProcessBuilder start+exit p50", Stats.percentile(bareStart, 0.5), "");
    table.row("bare ProcessBuilder start+exit p99", Stats.percentile(bareStart, 0.99), "");
    return table;
  }

  /** Batches of trivial jobs against the bare loop, the sandbox alone and no-op requests. */
  private static void throughput(AcaiClient client, int batch, int warmUp, Table table)
      throws IOException, InterruptedException {
    JobClient jobs = client.jobs();
    // Both kinds of timed batch, as each runs code paths of its own.
    WarmUp warm =
        WarmUp.run(jobs, batch, warmUp, new int[] {PARALLEL_SUBMITTERS, 1}, JobBench::trivial);
    NoOpCalls.run(client, batch, PARALLEL_SUBMITTERS); // warm-up
    NoOpCalls noOps = NoOpCalls.run(client, batch, PARALLEL_SUBMITTERS);
    double cpu = CpuMeter.busyMillis();
    double bare = BareProcess.loop(COMMAND, batch);
    double bareCpu = CpuMeter.busyMillis() - cpu;
    double shLoop = BareProcess.shLoop(COMMAND, batch);
    Optional<Double> bwrap = BareProcess.bwrapLoop(COMMAND, batch);
    Sandbox sandbox = Sandbox.detect();
    SandboxOnly.run(sandbox, COMMAND, Math.max(1, batch / 4), SANDBOX_LANES); // warm-up
    cpu = CpuMeter.busyMillis();
    double sandboxOnly = SandboxOnly.run(sandbox, COMMAND, batch, SANDBOX_LANES);
    double sandboxCpu = CpuMeter.busyMillis() - cpu;
    sandbox.release();
    List<Round> serial = new ArrayList<>();
    List<Round> parallel = new ArrayList<>();
    // Taking turns, so that neither kind runs first after the warm-up, when most compiling is left.
    for (int i = 0; i < ROUNDS; i++) {
      serial.add(round(jobs, batch, 1));
      parallel.add(round(jobs, batch, PARALLEL_SUBMITTERS));
    }
    serial.sort(Comparator.comparingDouble(Round::ratio));
    parallel.sort(Comparator.comparingDouble(Round::ratio));

    table.section(batch + " trivial jobs ('" + COMMAND + "')");
    table.count("warm-up jobs before timing", (long) warm.batches() * batch, "");
    table.percent(
        "  JIT share of CPU at the end" + (warm.settled() ? " (settled)" : ""),
        warm.jitShare(),
        "");
    table.row("bare ProcessBuilder loop (/bin/bash -c), wall", bare, "");
    table.row("  machine CPU per run", bareCpu / batch, "");
    int cores = Runtime.getRuntime().availableProcessors();
    table.row(
        "  machine CPU per job within 3x on " + cores + " cores", 3 * bare * cores / batch, "");
    table.row("  the same with sh -c, for comparison", shLoop, "");
    bwrap.ifPresent(millis -> table.row("bare loop in bwrap (no cgroups), wall", millis, ""));
    table.row("sandbox alone, " + SANDBOX_LANES + " at a time, wall", sandboxOnly, "");
    table.ratio("  sandbox alone / bare loop", sandboxOnly / bare, "");
    table.row("  machine CPU per job", sandboxCpu / batch, "");
    table.row(
        batch + " whoami calls, " + PARALLEL_SUBMITTERS + " threads, wall", noOps.wallMillis(), "");
    table.row("  machine CPU per call", noOps.cpuMillis() / batch, "");
    batchRows(table, "1 submitter", serial, batch, shLoop);
    batchRows(table, PARALLEL_SUBMITTERS + " submitters", parallel, batch, shLoop);
  }

  /** One batch beside a bare loop run just before it, so that both see the same machine. */
  private record Round(double bare, JobBatch run) {
    double ratio() {
      return run.wallMillis() / bare;
    }
  }

  private static Round round(JobClient jobs, int batch, int submitters)
      throws IOException, InterruptedException {
    double bare = BareProcess.loop(COMMAND, batch);
    return new Round(bare, JobBatch.run(jobs, batch, submitters, JobBench::trivial));
  }

  private static void batchRows(
      Table table, String label, List<Round> rounds, int batch, double shLoop) {
    Round median = rounds.get(rounds.size() / 2);
    JobBatch run = median.run();
    table.row("acai, " + label + ", wall (median round)", run.wallMillis(), "");
    table.ratio(
        String.format(
            Locale.ROOT,
            "  acai / its bare loop (%.2fx-%.2fx)",
            rounds.get(0).ratio(),
            rounds.get(rounds.size() - 1).ratio()),
        median.ratio(),
        "<= 3x");
    table.ratio("  acai / the sh -c loop", run.wallMillis() / shLoop, "");
    table.row("  machine CPU per job", run.cpuMillis() / batch, "");
    table.row("    of which JIT compilation", run.jitMillis() / batch, "");
    table.row("  submitting, wall", run.submitMillis(), "");
    table.row("  submit call p50", Stats.percentile(run.submitCalls(), 0.5), "");
    table.row("  submit->RUNNING p50 (server)", run.phases().submitToRunning(0.5), "");
    table.row("  RUNNING->UPLOADING p50 (sandbox)", run.phases().phase(JobStatus.UPLOADING), "");
  }

  private static JobSpec trivial(int index) {
    return JobSpec.builder().name("trivial-" + index).command(COMMAND).outputPath("./out/").build();
  }

  private static AcaiClient user(AcaiServer server, Path home) throws IOException {
    String adminToken =
        Files.readString(home.resolve(AdminToken.FILE_NAME), StandardCharsets.UTF_8).strip();
    ProjectClient projects = new ProjectClient(server.url());
    CreateProjectResponse project = projects.createProject("bench", adminToken, "bench-admin");
    String token = projects.createUser("bench", project.projectAdminToken(), "bench").userToken();
    return AcaiClient.connect(server.url(), token);
  }

  private static void quietLogs() {
    for (String name : new String[] {Logger.ROOT_LOGGER_NAME, "acai.access"}) {
      if (LoggerFactory.getLogger(name) instanceof Logger logger) {
        logger.setLevel(Level.WARN);
      }
    }
    Locale.setDefault(Locale.ROOT);
  }
}
