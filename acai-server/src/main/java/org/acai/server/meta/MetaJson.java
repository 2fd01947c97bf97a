package org.acai.server.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.acai.api.error.ServiceFailureException;

/** JSON of metadata documents: text from and to PostgreSQL. Thread-safe. */
final class MetaJson {
  private static final TypeReference<LinkedHashMap<String, Object>> DOC = new TypeReference<>() {};

  /** Natural Java types (Integer, Long, Double) for documents handed to callers. */
  private static final ObjectMapper PLAIN =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  /** Decimals kept exact, for documents that are modified and written back. */
  private static final ObjectMapper EXACT =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private MetaJson() {}

  static Map<String, Object> read(String json) {
    return parse(PLAIN, json);
  }

  static Map<String, Object> readExact(String json) {
    return parse(EXACT, json);
  }

  static boolean isJson(String text) {
    try {
      return !PLAIN.readTree(text).isMissingNode();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  static String write(Object value) {
    try {
      return EXACT.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new ServiceFailureException(e, "Cannot write metadata as JSON: %s", e.getMessage());
    }
  }

  static int byteSize(String json) {
    return json.getBytes(StandardCharsets.UTF_8).length;
  }

  private static Map<String, Object> parse(ObjectMapper mapper, String json) {
    try {
      return mapper.readValue(json, DOC);
    } catch (JsonProcessingException e) {
      throw new ServiceFailureException(
          e, "Cannot read a stored metadata document: %s", e.getOriginalMessage());
    }
  }
}
