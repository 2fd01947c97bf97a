package org.acai.api.job;

/**
 * Body of {@code POST /job_registry/new_job}. Quantities are Kubernetes quantities given as strings
 * or numbers ({@code "0.5"}, {@code "500m"}, {@code "512Mi"}, {@code 1e9}).
 *
 * @param name job name (required)
 * @param description free text
 * @param inputFileSet input file set, vague or explicit; optional
 * @param code remote path of the code zip, vague or explicit; optional
 * @param command shell command (required)
 * @param containerImage image name (recorded)
 * @param outputPath relative directory whose files are uploaded (required), e.g. {@code ./out/}
 * @param outputFileSet output set name; default {@code job_<id>_output}
 * @param vCpu vCPUs
 * @param memory memory
 * @param gpu GPUs
 * @param timeout wall-clock limit in seconds; optional
 */
public record JobSubmission(
    String name,
    String description,
    String inputFileSet,
    String code,
    String command,
    String containerImage,
    String outputPath,
    String outputFileSet,
    Object vCpu,
    Object memory,
    Object gpu,
    Integer timeout) {}
