package org.acai.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.acai.api.error.ConflictException;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobState;
import org.acai.api.job.JobStatus;
import org.acai.api.job.Lineage;
import org.acai.api.json.WireJson;

/**
 * The original SDK's job object: fill in attributes, then register and run.
 *
 * <pre>{@code
 * Map<String, Object> attr = Map.of(
 *     "name", "my_acai_job",
 *     "command", "mkdir -p ./my_output/ && (cat Shakespeare/* | python3 wordcount.py ./my_output/)",
 *     "input_file_set", "shakespeare.texts",
 *     "code", "/wordcount.zip",
 *     "output_path", "./my_output/",
 *     "v_cpu", "0.2", "memory", "64Mi", "gpu", "0");
 * Job job = new Job().withAttributes(attr).register().run();
 * if (job.waitFor() == JobStatus.FINISHED) {
 *   System.out.println(job.getOutputFileSet());
 * }
 * }</pre>
 *
 * <p>Attributes use the original key names ({@code input_file_set}, {@code v_cpu}...; see {@link
 * #dict()}). A job made with {@link #Job()} and the static methods use the process's credentials
 * ({@link org.acai.sdk.auth.Credentials}); {@link JobClient#newJob()} binds one to a client. Not
 * thread-safe: it is a mutable record of one job, like the original.
 */
public final class Job {
  private final Map<String, Object> attributes = new LinkedHashMap<>();
  private JobClient jobs;
  private JobSpec registered;

  /** An empty job using the process's credentials. */
  public Job() {}

  /** An empty job submitted through {@code client}. */
  public Job(AcaiClient client) {
    this(client.jobs());
  }

  Job(JobClient jobs) {
    this.jobs = jobs;
  }

  /**
   * Sets attributes from a map of the original key names; null values remove an attribute.
   *
   * @return this job
   * @throws org.acai.api.error.InvalidRequestException for an unknown key or a malformed value
   */
  public Job withAttributes(Map<String, ?> values) {
    Map<String, Object> converted = new LinkedHashMap<>();
    values.forEach(
        (key, value) ->
            converted.put(key, value == null ? null : JobAttributes.convert(key, value)));
    converted.forEach(
        (key, value) -> {
          if (value == null) {
            attributes.remove(key);
          } else {
            attributes.put(key, value);
          }
        });
    registered = null;
    return this;
  }

  /**
   * Sets resource limits; each may be null (unchanged), a number or a Kubernetes quantity: {@code
   * withResources(2, 0, 1e9)} is 2 vCPUs and 10⁹ bytes, {@code withResources("500m", null,
   * "100Mi")} half a vCPU and 100 MiB.
   *
   * @return this job
   * @throws org.acai.api.error.InvalidRequestException if a value is not a valid quantity
   */
  public Job withResources(Object vcpu, Object gpu, Object mem) {
    Map<String, Object> resources = new LinkedHashMap<>();
    if (vcpu != null) {
      resources.put("v_cpu", JobFields.cpu(JobFields.quantityText("v_cpu", vcpu)));
    }
    if (gpu != null) {
      resources.put("gpu", JobFields.gpu(JobFields.quantityText("gpu", gpu)));
    }
    if (mem != null) {
      resources.put("memory", JobFields.memory(JobFields.quantityText("memory", mem)));
    }
    return withAttributes(resources);
  }

  /**
   * Checks the job locally: name, command and output path are set, quantities and paths are well
   * formed. The server registers and starts a job in one step, in {@link #run()}.
   *
   * @return this job
   * @throws org.acai.api.error.InvalidRequestException naming the missing or malformed attribute
   */
  public Job register() {
    registered = JobAttributes.spec(attributes);
    return this;
  }

  /**
   * Submits the job (registering it first if needed) and records the id and status the server gave
   * it.
   *
   * @return this job
   * @throws ConflictException if this job was already submitted
   * @throws org.acai.api.error.InvalidRequestException if a field is missing or malformed
   * @throws org.acai.api.error.NotFoundException if the input file set or code does not exist
   */
  public Job run() {
    if (attributes.containsKey("id")) {
      throw new ConflictException("Cannot run job %s again: it was already submitted", id());
    }
    JobSpec spec = registered != null ? registered : register().registered;
    apply(jobs().submit(spec));
    return this;
  }

  /**
   * Asks the server for this job's status ({@link JobStatus#UNKNOWN} if it no longer exists); also
   * updates {@code job_status}, {@code reason}, {@code exit_code} and, once it exists, {@code
   * output_file_set}.
   *
   * @throws ConflictException if the job has not been submitted
   */
  public JobStatus status() {
    return apply(jobs().state(id()));
  }

  /**
   * The output file set as an explicit {@code name:N}; it exists once the job has ended (a failed
   * job's set holds its partial outputs).
   *
   * @throws ConflictException if the job has no output file set (yet)
   */
  public String getOutputFileSet() {
    JobStatus status = status();
    Object output = attributes.get("output_file_set");
    if (output == null || !output.toString().contains(":")) {
      throw new ConflictException(
          "Cannot get the output file set of job %d: it is %s with no output yet", id(), status);
    }
    return output.toString();
  }

  /**
   * Blocks until the job ends.
   *
   * @return its terminal status
   * @throws ConflictException if the job has not been submitted
   */
  public JobStatus waitFor() {
    return waitFor(null);
  }

  /**
   * Blocks until the job ends or {@code timeout} passes.
   *
   * @return the terminal status, or the latest if the timeout passed first
   * @throws ConflictException if the job has not been submitted
   */
  public JobStatus waitFor(Duration timeout) {
    return apply(jobs().waitFor(id(), timeout));
  }

  /**
   * Kills the job: a queued one ends at once, a running one within seconds.
   *
   * @return this job
   * @throws ConflictException if the job has ended or was never submitted
   */
  public Job kill() {
    apply(jobs().kill(id()));
    return this;
  }

  /**
   * The job's log so far (standard output and error).
   *
   * @throws ConflictException if the job has not been submitted
   */
  public String getLog() {
    return jobs().log(id());
  }

  /**
   * Hands each log line to {@code lines} as it arrives until the job ends.
   *
   * @return the terminal status
   * @throws ConflictException if the job has not been submitted
   */
  public JobStatus followLog(Consumer<String> lines) {
    JobStatus status = jobs().followLog(id(), lines);
    attributes.put("job_status", status);
    return status;
  }

  /**
   * What this job read and wrote, and the jobs around it up to {@code depth} away.
   *
   * @throws ConflictException if the job has not been submitted
   */
  public Lineage lineage(int depth) {
    return jobs().lineage(id(), depth);
  }

  /**
   * The job id given by the server.
   *
   * @throws ConflictException if the job has not been submitted
   */
  public long id() {
    Object id = attributes.get("id");
    if (id == null) {
      throw new ConflictException(
          "Cannot use job %s: it has not been run yet",
          attributes.getOrDefault("name", "(unnamed)"));
    }
    return (Long) id;
  }

  /** The last status this object saw, without asking the server; null before {@link #run()}. */
  public JobStatus jobStatus() {
    return (JobStatus) attributes.get("job_status");
  }

  /** The job's attributes in the original key names, e.g. {@code v_cpu}, {@code job_status}. */
  public Map<String, Object> dict() {
    return new LinkedHashMap<>(attributes);
  }

  /** The attributes as indented JSON. */
  @Override
  public String toString() {
    Map<String, Object> printable = new LinkedHashMap<>(attributes);
    printable.computeIfPresent("job_status", (key, status) -> status.toString());
    try {
      return WireJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(printable);
    } catch (JsonProcessingException e) {
      return printable.toString();
    }
  }

  /**
   * Finds a job by id (process credentials).
   *
   * @throws org.acai.api.error.NoSuchJobException if the project has no such job
   */
  public static Job find(long jobId) {
    JobClient client = AcaiClient.fromEnvironment().jobs();
    return new Job(client).applied(client.find(jobId));
  }

  /** Every job of the project, oldest first (process credentials). */
  public static List<Job> listJobs() {
    JobClient client = AcaiClient.fromEnvironment().jobs();
    return client.list().stream().map(info -> new Job(client).applied(info)).toList();
  }

  /**
   * A job's status by id (process credentials); {@link JobStatus#UNKNOWN} when the project has no
   * such job, as the original SDK's {@code check_job_status}.
   */
  public static JobStatus checkJobStatus(long jobId) {
    return AcaiClient.fromEnvironment().jobs().status(jobId);
  }

  /**
   * A new job with these attributes; same as {@code new Job().withAttributes(values)}.
   *
   * @throws org.acai.api.error.InvalidRequestException for an unknown key or a malformed value
   */
  public static Job fromDict(Map<String, ?> values) {
    return new Job().withAttributes(values);
  }

  /**
   * A new job with the attributes of a JSON file holding one object.
   *
   * @throws org.acai.api.error.InvalidRequestException if the file is unreadable or not an object
   */
  public static Job fromJson(Path file) {
    return fromDict(JobFiles.readJson(file));
  }

  /**
   * A new job with the attributes of a YAML file holding one mapping. Only plain values are read:
   * YAML tags cannot create objects.
   *
   * @throws org.acai.api.error.InvalidRequestException if the file is unreadable or not a mapping
   */
  public static Job fromYaml(Path file) {
    return fromDict(JobFiles.readYaml(file));
  }

  Job applied(JobInfo info) {
    apply(info);
    return this;
  }

  private void apply(JobInfo info) {
    attributes.putAll(JobAttributes.of(info));
  }

  private JobStatus apply(JobState state) {
    attributes.put("job_status", state.jobStatus());
    putOrRemove("reason", state.reason());
    putOrRemove("exit_code", state.exitCode() == null ? null : state.exitCode().longValue());
    if (state.outputFileSet() != null) {
      attributes.put("output_file_set", state.outputFileSet());
    }
    return state.jobStatus();
  }

  private void putOrRemove(String key, Object value) {
    if (value == null) {
      attributes.remove(key);
    } else {
      attributes.put(key, value);
    }
  }

  private JobClient jobs() {
    if (jobs == null) {
      jobs = AcaiClient.fromEnvironment().jobs();
    }
    return jobs;
  }
}
