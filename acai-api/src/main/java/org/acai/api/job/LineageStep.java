package org.acai.api.job;

import java.util.List;

/**
 * One job in a lineage: what it read and what it wrote.
 *
 * @param depth how many jobs away from the root (0 for the root job itself)
 * @param jobId the job
 * @param jobName its name
 * @param jobStatus its status
 * @param inputs what it read: {@code @set:N} for file sets, {@code /path:N} for code zips
 * @param outputs what it wrote: {@code @set:N}
 */
public record LineageStep(
    int depth,
    long jobId,
    String jobName,
    JobStatus jobStatus,
    List<String> inputs,
    List<String> outputs) {
  public LineageStep {
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
  }
}
