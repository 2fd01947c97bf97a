package org.acai.server.job;

import org.acai.api.job.JobInfo;
import org.acai.api.job.JobStatus;

/**
 * A stored job.
 *
 * @param id job id
 * @param projectId internal project key
 * @param creatorId submitting user
 * @param name name
 * @param description description
 * @param inputFileSet explicit input set {@code name:N}, or null
 * @param code explicit code zip {@code path:N}, or null
 * @param command shell command
 * @param containerImage image name
 * @param outputPath normalized relative output directory, e.g. {@code my_output}
 * @param outputSetName name of the output set to create
 * @param outputFileSet explicit output set once created, else null
 * @param resources requested resources
 * @param timeoutSeconds wall-clock limit, or null
 * @param status current status
 * @param reason why
 * @param exitCode exit code, once known
 * @param submittedMillis submission time
 * @param updatedMillis last change
 */
public record Job(
    long id,
    long projectId,
    long creatorId,
    String name,
    String description,
    String inputFileSet,
    String code,
    String command,
    String containerImage,
    String outputPath,
    String outputSetName,
    String outputFileSet,
    Resources resources,
    Integer timeoutSeconds,
    JobStatus status,
    String reason,
    Integer exitCode,
    long submittedMillis,
    long updatedMillis) {

  /** The wire form. */
  public JobInfo info() {
    return new JobInfo(
        id,
        name,
        description,
        inputFileSet,
        code,
        command,
        containerImage,
        "./" + outputPath + "/",
        outputFileSet != null ? outputFileSet : outputSetName,
        resources.vCpu(),
        resources.memory(),
        resources.gpu(),
        timeoutSeconds,
        status,
        reason,
        exitCode,
        submittedMillis / 1000,
        updatedMillis / 1000,
        creatorId);
  }
}
