package org.acai.server.job.exec.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * What {@code acai agent upload} reported in its termination message.
 *
 * @param outputFileSet the output file set it made, or null
 * @param exitCode the command's exit code, or null when unknown
 */
record UploadReport(String outputFileSet, Integer exitCode) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the report's last line; anything unreadable is an unknown outcome. */
  static UploadReport parse(String message) {
    if (message == null || message.isBlank()) {
      return new UploadReport(null, null);
    }
    String[] lines = message.strip().split("\n");
    try {
      JsonNode node = JSON.readTree(lines[lines.length - 1]);
      JsonNode set = node.path("output_file_set");
      JsonNode code = node.path("exit_code");
      return new UploadReport(
          set.isTextual() ? set.asText() : null, code.isInt() ? code.asInt() : null);
    } catch (IOException e) {
      return new UploadReport(null, null);
    }
  }
}
