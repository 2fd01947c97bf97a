package org.acai.api.job;

/**
 * A job as the server reports it; the field names are the original client's.
 *
 * @param id job id
 * @param name job name
 * @param description free text
 * @param inputFileSet the input file set, explicit {@code name:N}; null when none
 * @param code the code zip, explicit {@code path:N}; null when none
 * @param command the shell command
 * @param containerImage the image (recorded; the local executor runs without a container engine)
 * @param outputPath directory under the working dir whose files become the output set
 * @param outputFileSet the output file set: explicit {@code name:N} once created, else its name
 * @param vCpu requested vCPUs, as given
 * @param memory requested memory, as given
 * @param gpu requested GPUs, as given
 * @param timeoutSeconds wall-clock limit; null for none
 * @param jobStatus current status
 * @param reason why the job is in its status, e.g. "exit code 3"
 * @param exitCode the command's exit code, once known
 * @param submittedTime submission time, Unix seconds (the original's unit)
 * @param updatedTime last status change, Unix seconds
 * @param creatorId the submitting user
 */
public record JobInfo(
    long id,
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
    Integer timeoutSeconds,
    JobStatus jobStatus,
    String reason,
    Integer exitCode,
    long submittedTime,
    long updatedTime,
    long creatorId) {}
