package org.acai.sdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobStatus;

/** The attributes of the original SDK's job object: names, value types and conversions. */
final class JobAttributes {
  static final Set<String> TEXT =
      Set.of(
          "name",
          "description",
          "input_file_set",
          "code",
          "command",
          "container_image",
          "output_path",
          "output_file_set",
          "reason");
  static final Set<String> QUANTITIES = Set.of("v_cpu", "memory", "gpu");
  static final Set<String> WHOLE_NUMBERS =
      Set.of("id", "submitted_time", "updated_time", "creator_id", "timeout", "exit_code");
  static final List<String> KNOWN =
      List.of(
          "id",
          "name",
          "description",
          "input_file_set",
          "code",
          "command",
          "container_image",
          "output_path",
          "output_file_set",
          "v_cpu",
          "memory",
          "gpu",
          "timeout",
          "submitted_time",
          "updated_time",
          "job_status",
          "reason",
          "exit_code",
          "creator_id");

  private JobAttributes() {}

  /**
   * The value stored for one attribute: text, a quantity's text, a whole number or a status.
   *
   * @throws InvalidRequestException for an unknown name or a value of the wrong kind
   */
  static Object convert(String key, Object value) {
    if (value instanceof Map || value instanceof Iterable || value instanceof Object[]) {
      throw new InvalidRequestException("Invalid %s: expected a single value, got %s", key, value);
    }
    if (TEXT.contains(key)) {
      return value.toString();
    }
    if (QUANTITIES.contains(key)) {
      return JobFields.quantityText(key, value);
    }
    if (WHOLE_NUMBERS.contains(key)) {
      return wholeNumber(key, value);
    }
    if ("job_status".equals(key)) {
      return value instanceof JobStatus status ? status : JobStatus.parse(value.toString());
    }
    throw new InvalidRequestException(
        "Invalid job attribute: %s (known: %s)", key, String.join(", ", KNOWN));
  }

  private static long wholeNumber(String key, Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return ((Number) value).longValue();
    }
    String text = value.toString().strip();
    if (!text.matches("-?\\d{1,18}")) {
      throw new InvalidRequestException("Invalid %s: %s (expected a whole number)", key, value);
    }
    return Long.parseLong(text);
  }

  /** The attributes of a job as the server reports it, in the original's key names. */
  static Map<String, Object> of(JobInfo job) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", job.id());
    map.put("name", job.name());
    map.put("description", job.description());
    map.put("input_file_set", job.inputFileSet());
    map.put("code", job.code());
    map.put("command", job.command());
    map.put("container_image", job.containerImage());
    map.put("output_path", job.outputPath());
    map.put("output_file_set", job.outputFileSet());
    map.put("v_cpu", job.vCpu());
    map.put("memory", job.memory());
    map.put("gpu", job.gpu());
    map.put("timeout", job.timeoutSeconds() == null ? null : job.timeoutSeconds().longValue());
    map.put("submitted_time", job.submittedTime());
    map.put("updated_time", job.updatedTime());
    map.put("job_status", job.jobStatus());
    map.put("reason", job.reason());
    map.put("exit_code", job.exitCode() == null ? null : job.exitCode().longValue());
    map.put("creator_id", job.creatorId());
    map.values().removeIf(java.util.Objects::isNull);
    return map;
  }

  /**
   * The submission these attributes describe.
   *
   * @throws InvalidRequestException if a required field is missing or a value is malformed
   */
  static JobSpec spec(Map<String, Object> attributes) {
    Object timeout = attributes.get("timeout");
    if (timeout != null && (long) timeout > Integer.MAX_VALUE) {
      throw new InvalidRequestException("Invalid timeout: %s (seconds, too large)", timeout);
    }
    return new JobSpec(
        text(attributes, "name"),
        text(attributes, "description"),
        text(attributes, "input_file_set"),
        text(attributes, "code"),
        text(attributes, "command"),
        text(attributes, "container_image"),
        text(attributes, "output_path"),
        text(attributes, "output_file_set"),
        text(attributes, "v_cpu"),
        text(attributes, "memory"),
        text(attributes, "gpu"),
        timeout == null ? null : (int) (long) timeout);
  }

  private static String text(Map<String, Object> attributes, String key) {
    Object value = attributes.get(key);
    return value == null ? null : value.toString();
  }
}
