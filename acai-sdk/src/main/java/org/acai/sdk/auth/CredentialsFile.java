package org.acai.sdk.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The INI credentials file of the original SDK ({@code ~/.acai/credentials}):
 *
 * <pre>
 * [default]
 * project_name = my_project
 * [my_project]
 * token = ...
 * </pre>
 *
 * Written atomically with mode 0600, in a folder created with mode 0700. Not thread-safe; each call
 * reads or writes the whole file.
 */
public final class CredentialsFile {
  static final String DEFAULT = "default";
  static final String PROJECT_NAME = "project_name";
  static final String TOKEN = "token";
  static final String ENDPOINT = "endpoint";

  private final Path path;

  /** A credentials file at {@code path} (it need not exist yet). */
  public CredentialsFile(Path path) {
    this.path = path;
  }

  /**
   * The standard location: {@code $ACAI_CREDENTIALS_FILE}, else {@code $HOME/.acai/credentials} as
   * the original SDK and every Unix tool read it (the JVM's {@code user.home} only when {@code
   * HOME} is unset), so the Java CLI and the Python SDK share one file.
   */
  public static CredentialsFile standard(Map<String, String> env) {
    String override = env.get("ACAI_CREDENTIALS_FILE");
    if (override != null && !override.isBlank()) {
      return new CredentialsFile(Path.of(override));
    }
    String home = env.get("HOME");
    Path base =
        home == null || home.isBlank() ? Path.of(System.getProperty("user.home")) : Path.of(home);
    return new CredentialsFile(base.resolve(".acai").resolve("credentials"));
  }

  /** Where the file is. */
  public Path path() {
    return path;
  }

  /** The default project named in the file. */
  public Optional<String> defaultProject() {
    return value(DEFAULT, PROJECT_NAME);
  }

  /** The endpoint stored in the file's default section. */
  public Optional<String> endpoint() {
    return value(DEFAULT, ENDPOINT);
  }

  /** The token stored for a project. */
  public Optional<String> token(String project) {
    return value(project, TOKEN);
  }

  /**
   * Stores a project's token and makes it the default project.
   *
   * @param endpoint the server URL to remember, or null to keep the stored one
   */
  public void configure(String project, String token, String endpoint) {
    Map<String, Map<String, String>> sections = read();
    sections.computeIfAbsent(project, name -> new LinkedHashMap<>()).put(TOKEN, token);
    Map<String, String> defaults = sections.computeIfAbsent(DEFAULT, name -> new LinkedHashMap<>());
    defaults.put(PROJECT_NAME, project);
    if (endpoint != null) {
      defaults.put(ENDPOINT, endpoint);
    }
    write(sections);
  }

  private Optional<String> value(String section, String key) {
    Map<String, String> values = read().get(section);
    String value = values == null ? null : values.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  private Map<String, Map<String, String>> read() {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    if (!Files.isRegularFile(path)) {
      return sections;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read credentials file " + path, e);
    }
    Map<String, String> current = null;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current =
            sections.computeIfAbsent(
                line.substring(1, line.length() - 1).strip(), name -> new LinkedHashMap<>());
      } else if (current != null && line.indexOf('=') > 0) {
        int eq = line.indexOf('=');
        current.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return sections;
  }

  private void write(Map<String, Map<String, String>> sections) {
    StringBuilder text = new StringBuilder();
    sections.forEach(
        (section, values) -> {
          text.append('[').append(section).append("]\n");
          values.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
          text.append('\n');
        });
    try {
      Path dir = path.toAbsolutePath().getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path temp =
          Files.createTempFile(
              dir,
              ".credentials",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write credentials file " + path, e);
    }
  }
}
