package org.acai.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads job attribute files. YAML goes through Jackson into plain maps, lists and scalars, so tags
 * never instantiate classes; aliases, nesting and size are bounded.
 */
final class JobFiles {
  private static final long MAX_BYTES = 1 << 20;
  private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {};
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final ObjectMapper YAML = new YAMLMapper(yamlFactory());

  private JobFiles() {}

  static Map<String, Object> readJson(Path file) {
    return read(file, JSON, "JSON object");
  }

  static Map<String, Object> readYaml(Path file) {
    return read(file, YAML, "YAML mapping");
  }

  private static Map<String, Object> read(Path file, ObjectMapper mapper, String expected) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new InvalidRequestException(
            "Invalid job file %s: larger than %d bytes", file, MAX_BYTES);
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidRequestException(e, "Cannot read job file %s: %s", file, e.getMessage());
    }
    Map<String, Object> attributes;
    try {
      attributes = mapper.readValue(bytes, ATTRIBUTES);
    } catch (IOException e) {
      throw new InvalidRequestException(
          e,
          "Invalid job file %s: expected a %s of job attributes (%s)",
          file,
          expected,
          firstLine(e));
    }
    if (attributes == null) {
      throw new InvalidRequestException("Invalid job file %s: empty", file);
    }
    return attributes;
  }

  private static String firstLine(IOException e) {
    String message =
        String.valueOf(
            e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static YAMLFactory yamlFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(10);
    options.setNestingDepthLimit(20);
    options.setAllowDuplicateKeys(false);
    options.setCodePointLimit((int) MAX_BYTES);
    return YAMLFactory.builder().loaderOptions(options).build();
  }
}
