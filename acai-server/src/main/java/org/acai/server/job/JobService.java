package org.acai.server.job;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.acai.api.error.ConflictException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchJobException;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobState;
import org.acai.api.job.JobStatus;
import org.acai.api.job.JobSubmission;
import org.acai.api.job.Quantities;
import org.acai.server.auth.Principal;
import org.acai.server.fileset.FileSetService;
import org.acai.server.job.exec.Capacity;
import org.acai.server.quota.Quotas;
import org.acai.server.storage.FileRef;
import org.acai.server.storage.FileService;
import org.acai.server.text.SafeText;
import org.jdbi.v3.core.Jdbi;

/** Submission, status, kill and listing of jobs. Thread-safe; scoped to the caller's project. */
public final class JobService {
  private static final int MAX_COMMAND = 64 * 1024;
  private static final int MAX_TEXT = 4096;

  private final Jdbi jdbi;
  private final FileService files;
  private final FileSetService fileSets;
  private final Capacity capacity;
  private final Scheduler scheduler;

  JobService(
      Jdbi jdbi,
      FileService files,
      FileSetService fileSets,
      Capacity capacity,
      Scheduler scheduler) {
    this.jdbi = jdbi;
    this.files = files;
    this.fileSets = fileSets;
    this.capacity = capacity;
    this.scheduler = scheduler;
  }

  /**
   * Validates and stores a job as QUEUEING; nothing is stored when anything is wrong.
   *
   * @throws InvalidRequestException naming the field that is missing or malformed
   * @throws org.acai.api.error.NotFoundException if the input set or code does not exist
   * @throws org.acai.api.error.QuotaExceededException if the project's running-jobs quota is full
   */
  public JobInfo submit(Principal caller, JobSubmission request) {
    String name = SafeText.name("name", required("name", request.name(), MAX_TEXT));
    String command = required("command", request.command(), MAX_COMMAND);
    String outputPath = OutputPath.normalize(request.outputPath());
    Resources resources = resources(request);
    String input =
        blank(request.inputFileSet())
            ? null
            : fileSets.resolve(caller, request.inputFileSet()).id();
    String code =
        blank(request.code())
            ? null
            : files.version(caller.projectKey(), FileRef.parse(request.code())).explicitId();
    String outputSet =
        blank(request.outputFileSet())
            ? null
            : org.acai.server.fileset.FileSetRef.checkName(request.outputFileSet());
    if (request.timeout() != null && request.timeout() <= 0) {
      throw new InvalidRequestException("Invalid timeout: %d (seconds, > 0)", request.timeout());
    }
    Job draft =
        new Job(
            0,
            caller.projectKey(),
            caller.userId(),
            name,
            SafeText.text("description", text(request.description())),
            input,
            code,
            command,
            SafeText.name("container_image", text(request.containerImage())),
            outputPath,
            outputSet,
            null,
            resources,
            request.timeout(),
            JobStatus.QUEUEING,
            "queued",
            null,
            0,
            0);
    // Returned as stored, before the scheduler can move it: a new job answers QUEUEING. The quota
    // row stays locked until the insert commits, so two submissions cannot both take the last slot.
    JobInfo submitted =
        jdbi.inTransaction(
            handle -> {
              Quotas.checkNewJob(handle, caller.projectKey());
              return new JobStore(handle).insert(draft).info();
            });
    scheduler.wake();
    return submitted;
  }

  /**
   * One job of the caller's project.
   *
   * @throws NoSuchJobException if there is none (also for other projects' jobs)
   */
  public JobInfo find(Principal caller, long id) {
    return job(caller.projectKey(), id).info();
  }

  /**
   * Those of {@code ids} that are jobs of the caller's project, in the order asked (repeats
   * included), in one query.
   *
   * @throws InvalidRequestException for more than {@value JobState#MAX_IDS_PER_REQUEST} ids
   */
  public List<JobInfo> findAll(Principal caller, List<Long> ids) {
    if (ids.size() > JobState.MAX_IDS_PER_REQUEST) {
      throw new InvalidRequestException(
          "Invalid ids: %d given, at most %d per call", ids.size(), JobState.MAX_IDS_PER_REQUEST);
    }
    Map<Long, Job> found =
        jdbi.withHandle(handle -> new JobStore(handle).findAll(caller.projectKey(), ids));
    return ids.stream().map(found::get).filter(Objects::nonNull).map(Job::info).toList();
  }

  /** The caller's project's jobs, oldest first. */
  public List<JobInfo> list(Principal caller) {
    return jdbi.withHandle(handle -> new JobStore(handle).list(caller.projectKey())).stream()
        .map(Job::info)
        .toList();
  }

  /** Every state change of a job, oldest first, e.g. {@code 2026-...Z RUNNING: started}. */
  public List<String> history(Principal caller, long id) {
    job(caller.projectKey(), id);
    return jdbi.withHandle(handle -> new JobStore(handle).events(id));
  }

  /**
   * Kills a job: a queued one ends at once, a running one within seconds.
   *
   * @throws ConflictException if the job has already ended
   */
  public JobInfo kill(Principal caller, long id) {
    Job job = job(caller.projectKey(), id);
    if (job.status().isTerminal()) {
      throw new ConflictException("Cannot kill job %d: it is %s", id, job.status());
    }
    scheduler.kill(job);
    return find(caller, id);
  }

  Job job(long project, long id) {
    Optional<Job> job = jdbi.withHandle(handle -> new JobStore(handle).find(project, id));
    return job.orElseThrow(() -> new NoSuchJobException("No such job: %d", id));
  }

  private Resources resources(JobSubmission request) {
    String vcpu = quantity(request.vCpu());
    String memory = quantity(request.memory());
    String gpu = quantity(request.gpu());
    long cpuMillis = vcpu == null ? 0 : Quantities.cpuMillis(vcpu);
    long memoryBytes = memory == null ? 0 : Quantities.memoryBytes(memory);
    long gpus = gpu == null ? 0 : Quantities.gpus(gpu);
    if (gpus > capacity.gpus()) {
      throw new InvalidRequestException(
          "Invalid gpu: %d requested, but no executor here has more than %d GPU(s)",
          gpus, capacity.gpus());
    }
    if (cpuMillis > capacity.cpuMillis()) {
      throw new InvalidRequestException(
          "Invalid v_cpu: %s requested, the executor has %.2f vCPU in all",
          vcpu, capacity.cpuMillis() / 1000.0);
    }
    if (memoryBytes > capacity.memoryBytes()) {
      throw new InvalidRequestException(
          "Invalid memory: %s requested, the executor has %d MiB in all",
          memory, capacity.memoryBytes() >> 20);
    }
    return new Resources(vcpu, memory, gpu, cpuMillis, memoryBytes, (int) gpus);
  }

  private static String quantity(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      BigDecimal decimal = new BigDecimal(number.toString());
      return decimal.stripTrailingZeros().scale() <= 0
          ? decimal.toBigInteger().toString()
          : decimal.toPlainString();
    }
    if (value instanceof String text) {
      return text.isBlank() ? null : text.strip();
    }
    throw new InvalidRequestException(
        "Invalid quantity: %s (expected a string or a number)", value);
  }

  private static String required(String field, String value, int max) {
    if (blank(value)) {
      throw new InvalidRequestException("Missing %s", field);
    }
    if (value.length() > max) {
      throw new InvalidRequestException("Invalid %s: longer than %d characters", field, max);
    }
    return value;
  }

  private static String text(String value) {
    if (value != null && value.length() > MAX_TEXT) {
      throw new InvalidRequestException("Invalid text field: longer than %d characters", MAX_TEXT);
    }
    return value;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
