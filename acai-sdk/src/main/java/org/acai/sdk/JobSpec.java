package org.acai.sdk;

import java.time.Duration;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.job.JobSubmission;

/**
 * What to run as a job: an immutable, locally validated submission. Build one with {@link
 * #builder()}; {@link JobClient#submit(JobSpec)} runs it.
 *
 * <pre>{@code
 * JobSpec spec = JobSpec.builder()
 *     .name("wordcount")
 *     .command("mkdir -p out && cat texts/* | python3 wc.py out/")
 *     .inputFileSet("texts")
 *     .code("/wc.zip")
 *     .outputPath("./out/")
 *     .resources("0.5", "0", "256Mi")
 *     .build();
 * }</pre>
 *
 * @param name job name (required)
 * @param description free text, or null
 * @param inputFileSet the file set staged in the working directory, vague or explicit; or null
 * @param code remote path of a zip unpacked in the working directory; or null
 * @param command the shell command (required)
 * @param containerImage the image to record, or null
 * @param outputPath the relative directory whose files become the output set (required)
 * @param outputFileSet the output set's name; null for the server's {@code job_<id>_output}
 * @param vCpu vCPUs as a Kubernetes quantity ({@code "0.5"}, {@code "500m"}), or null
 * @param memory memory as a Kubernetes quantity ({@code "64Mi"}, {@code "1000000000"}), or null
 * @param gpu whole GPUs, or null
 * @param timeoutSeconds wall-clock limit in seconds, or null for none
 */
public record JobSpec(
    String name,
    String description,
    String inputFileSet,
    String code,
    String command,
    String containerImage,
    String outputPath,
    String outputFileSet,
    String vCpu,
    String memory,
    String gpu,
    Integer timeoutSeconds) {
  /**
   * Checks every field the server would refuse, so mistakes show before anything is sent.
   *
   * @throws InvalidRequestException naming the missing or malformed field
   */
  public JobSpec {
    name = JobFields.required("name", name);
    command = JobFields.required("command", command);
    outputPath = JobFields.outputPath(outputPath);
    vCpu = JobFields.cpu(vCpu);
    memory = JobFields.memory(memory);
    gpu = JobFields.gpu(gpu);
    inputFileSet = JobFields.optional(inputFileSet);
    code = JobFields.optional(code);
    outputFileSet = JobFields.optional(outputFileSet);
    if (outputFileSet != null && outputFileSet.contains(":")) {
      throw new InvalidRequestException(
          "Invalid output_file_set: %s (a name, without :version)", outputFileSet);
    }
    if (timeoutSeconds != null && timeoutSeconds <= 0) {
      throw new InvalidRequestException("Invalid timeout: %d (seconds, > 0)", timeoutSeconds);
    }
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The wire form of this spec. */
  public JobSubmission toSubmission() {
    return new JobSubmission(
        name,
        description,
        inputFileSet,
        code,
        command,
        containerImage,
        outputPath,
        outputFileSet,
        vCpu,
        memory,
        gpu,
        timeoutSeconds);
  }

  /** Builds a {@link JobSpec}; not thread-safe. */
  public static final class Builder {
    private String name;
    private String description;
    private String inputFileSet;
    private String code;
    private String command;
    private String containerImage;
    private String outputPath;
    private String outputFileSet;
    private String vCpu;
    private String memory;
    private String gpu;
    private Integer timeoutSeconds;

    private Builder() {}

    /** The job's name. */
    public Builder name(String value) {
      this.name = value;
      return this;
    }

    /** Free text describing the job. */
    public Builder description(String value) {
      this.description = value;
      return this;
    }

    /** The file set staged in the working directory ({@code texts} or {@code texts:2}). */
    public Builder inputFileSet(String value) {
      this.inputFileSet = value;
      return this;
    }

    /** The remote path of a code zip unpacked in the working directory. */
    public Builder code(String value) {
      this.code = value;
      return this;
    }

    /** The shell command; {@code &&}, pipes and globs work. */
    public Builder command(String value) {
      this.command = value;
      return this;
    }

    /** The container image to record. */
    public Builder containerImage(String value) {
      this.containerImage = value;
      return this;
    }

    /** The relative directory whose files become the output set, e.g. {@code ./out/}. */
    public Builder outputPath(String value) {
      this.outputPath = value;
      return this;
    }

    /** The output file set's name (default {@code job_<id>_output}). */
    public Builder outputFileSet(String value) {
      this.outputFileSet = value;
      return this;
    }

    /**
     * Resource limits; each may be null, a number or a Kubernetes quantity string, e.g. {@code
     * resources(2, 0, 1e9)} (vCPUs, GPUs, bytes) or {@code resources("500m", null, "100Mi")}.
     *
     * @throws InvalidRequestException if a value is neither a number nor a string
     */
    public Builder resources(Object cpus, Object gpus, Object mem) {
      this.vCpu = JobFields.quantityText("v_cpu", cpus);
      this.gpu = JobFields.quantityText("gpu", gpus);
      this.memory = JobFields.quantityText("memory", mem);
      return this;
    }

    /** A wall-clock limit, rounded up to whole seconds; null for none. */
    public Builder timeout(Duration value) {
      this.timeoutSeconds =
          value == null
              ? null
              : Math.toIntExact(value.getSeconds() + (value.getNano() > 0 ? 1 : 0));
      return this;
    }

    /**
     * The spec.
     *
     * @throws InvalidRequestException if name, command or output path is missing, or a value is
     *     malformed
     */
    public JobSpec build() {
      return new JobSpec(
          name,
          description,
          inputFileSet,
          code,
          command,
          containerImage,
          outputPath,
          outputFileSet,
          vCpu,
          memory,
          gpu,
          timeoutSeconds);
    }
  }
}
