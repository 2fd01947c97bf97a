package org.acai.server.fileset;

import java.util.regex.Pattern;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.storage.Versions;

/**
 * A file-set reference: {@code name} (latest) or {@code name:N}, optionally with a leading
 * {@code @}.
 *
 * @param name the set's name
 * @param version the version, or null for the latest
 */
public record FileSetRef(String name, Integer version) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  /**
   * Parses {@code [@]name[:N]}.
   *
   * @throws InvalidRequestException if the name or version is malformed
   */
  public static FileSetRef parse(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidRequestException("Invalid file set: missing name");
    }
    String body = raw.startsWith("@") ? raw.substring(1) : raw;
    int colon = body.indexOf(':');
    String name = colon < 0 ? body : body.substring(0, colon);
    Integer version = colon < 0 ? null : Versions.parse(raw, body.substring(colon + 1));
    return new FileSetRef(checkName(name), version);
  }

  /**
   * Checks a file-set name: 1-128 letters, digits, '.', '_' or '-'; no ':' or '@'.
   *
   * @throws InvalidRequestException if it is malformed
   */
  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          "Invalid file set name: %s (1-128 letters, digits, '.', '_' or '-'; no ':' or '@')",
          name == null ? "null" : name.replaceAll("\\p{Cntrl}", "?"));
    }
    return name;
  }

  @Override
  public String toString() {
    return version == null ? name : name + ":" + version;
  }
}
