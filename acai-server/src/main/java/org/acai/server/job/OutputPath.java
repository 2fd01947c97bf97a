package org.acai.server.job;

import org.acai.api.error.InvalidRequestException;
import org.acai.server.storage.StoragePath;

/** The job's output directory: relative to the working dir, normalized, never escaping it. */
final class OutputPath {
  private OutputPath() {}

  /**
   * Normalizes {@code ./my_output/} to {@code my_output}.
   *
   * @throws InvalidRequestException if it is absolute, escapes with {@code ..} or is malformed
   */
  static String normalize(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidRequestException("Missing output_path");
    }
    if (raw.startsWith("/")) {
      throw new InvalidRequestException(
          "Invalid output_path: %s (must be relative to the working directory)", raw);
    }
    String trimmed = raw.strip();
    while (trimmed.startsWith("./")) {
      trimmed = trimmed.substring(2);
    }
    if (trimmed.isEmpty() || ".".equals(trimmed)) {
      throw new InvalidRequestException(
          "Invalid output_path: %s (name a sub-directory, e.g. ./out/)", raw);
    }
    try {
      return StoragePath.directory(trimmed).relative();
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException(
          "Invalid output_path: %s (no '..', '.', '//' or special characters)", raw);
    }
  }
}
