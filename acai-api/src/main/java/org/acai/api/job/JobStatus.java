package org.acai.api.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** Where a job is in its life. {@link #UNKNOWN} means no such job. */
public enum JobStatus {
  /** Stored, waiting for capacity. */
  QUEUEING,
  /** Handed to an executor. */
  LAUNCHING,
  /** Staging the input file set and unpacking the code. */
  DOWNLOADING,
  /** The command runs. */
  RUNNING,
  /** Uploading everything under the output path. */
  UPLOADING,
  /** Succeeded; the output file set exists. */
  FINISHED,
  /** The command failed (non-zero exit) or staging failed. */
  FAILED,
  /** Killed by a user or a timeout. */
  KILLED,
  /** Out of memory or killed by a signal. */
  CONTAINER_CRASHED,
  /** No such job. */
  UNKNOWN;

  /** Whether the job can no longer change. */
  public boolean isTerminal() {
    return this == FINISHED
        || this == FAILED
        || this == KILLED
        || this == CONTAINER_CRASHED
        || this == UNKNOWN;
  }

  /**
   * Parses a status word case- and separator-insensitively ({@code ContainerCrashed}, {@code
   * container-crashed}, {@code CONTAINER_CRASHED}); anything else is {@link #UNKNOWN}.
   */
  @JsonCreator
  public static JobStatus parse(String word) {
    if (word == null) {
      return UNKNOWN;
    }
    String squashed = word.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
    for (JobStatus status : values()) {
      if (status.name().replace("_", "").equals(squashed)) {
        return status;
      }
    }
    return UNKNOWN;
  }
}
