package org.acai.server.job;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.function.Supplier;
import org.acai.api.job.Quantities;
import org.acai.server.auth.CredentialService;
import org.acai.server.blob.BlobStore;
import org.acai.server.cluster.Replica;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Caller;
import org.acai.server.job.exec.Capacity;
import org.acai.server.job.exec.Executor;
import org.acai.server.storage.StorageModule;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires jobs: the executor (the agent running each command in a container or a local sandbox, as
 * {@link CommandRunners} chooses), the scheduler, the services and their routes. Capacity comes
 * from {@code ACAI_EXECUTOR_CPUS}, {@code ACAI_EXECUTOR_MEMORY} and {@code ACAI_EXECUTOR_GPUS}, by
 * default this machine's.
 */
public final class JobModule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobModule.class);

  private final Executor executor;
  private final Replica replica;
  private final Scheduler scheduler;
  private final JobService jobs;
  private final ApiRoutes routes;
  private final JobLogs logs;
  private final LogFlusher logFlusher = new LogFlusher();
  private final Lineage lineage;

  /** Builds the job services; call {@link #start()} once the HTTP server is up. */
  public JobModule(
      Jdbi jdbi,
      StorageModule storage,
      BlobStore blobs,
      CredentialService credentials,
      Caller caller,
      Path home,
      Map<String, String> env,
      Supplier<URI> api,
      LocalAgentEnvironment.MetaTagger tagger) {
    Path jobsDir = privateDirectory(home.resolve("jobs"));
    LocalAgentEnvironment environment =
        new LocalAgentEnvironment(
            storage.files(), storage.fileSets(), blobs, credentials, jobsDir, api, tagger);
    this.executor =
        JobExecutors.fromEnv(env, home, capacity(env, null), environment, credentials, tagger);
    Capacity capacity = executor.capacity();
    this.replica = Replica.join(jdbi, home, env);
    this.scheduler =
        new Scheduler(
            jdbi,
            replica,
            executor,
            (job, onEnd) -> new DbJobReporter(jdbi, job, logFlusher, onEnd));
    this.jobs = new JobService(jdbi, storage.files(), storage.fileSets(), capacity, scheduler);
    this.logs = new JobLogs(jdbi, jobs);
    this.lineage = new Lineage(jdbi, jobs, storage.fileSets());
    this.routes = new JobRoutes(jobs, logs, lineage, caller);
    LOG.info("Executor: {}, capacity {}", executor.describe(), capacity);
  }

  /** Recovers jobs a previous server left behind and starts scheduling. */
  public void start() {
    scheduler.start();
  }

  /** Job logs, scoped to the caller's project. */
  public JobLogs logs() {
    return logs;
  }

  /** Provenance queries, scoped to the caller's project. */
  public Lineage lineage() {
    return lineage;
  }

  /** The HTTP routes of the job services. */
  public ApiRoutes routes() {
    return routes;
  }

  /** The job service. */
  public JobService jobs() {
    return jobs;
  }

  /** The jobs' work dirs: the server's alone (each job gets its own dir bound into its sandbox). */
  private static Path privateDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the jobs directory " + dir, e);
    }
  }

  /**
   * Capacity from the environment; what is not set comes from {@code fallback}, else this machine.
   */
  static Capacity capacity(Map<String, String> env, Capacity fallback) {
    String cpus = env.get("ACAI_EXECUTOR_CPUS");
    String memory = env.get("ACAI_EXECUTOR_MEMORY");
    String gpus = env.get("ACAI_EXECUTOR_GPUS");
    long totalMemory =
        ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    long cpuDefault =
        fallback != null
            ? fallback.cpuMillis()
            : Runtime.getRuntime().availableProcessors() * 1000L;
    return new Capacity(
        cpus == null ? cpuDefault : Quantities.cpuMillis(cpus),
        memory == null
            ? (fallback != null ? fallback.memoryBytes() : totalMemory)
            : Quantities.memoryBytes(memory),
        gpus == null ? (fallback != null ? fallback.gpus() : 0) : (int) Quantities.gpus(gpus));
  }

  @Override
  public void close() {
    scheduler.close();
    executor.close();
    logFlusher.close();
    replica.close();
  }
}
