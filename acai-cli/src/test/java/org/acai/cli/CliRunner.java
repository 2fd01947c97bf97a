package org.acai.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the real {@code acai} command line in-process with its own environment. */
final class CliRunner {
  private final Map<String, String> env;

  CliRunner(String endpoint, Path credentialsFile) {
    this(Map.of("ACAI_ENDPOINT", endpoint, "ACAI_CREDENTIALS_FILE", credentialsFile.toString()));
  }

  private CliRunner(Map<String, String> env) {
    this.env = new HashMap<>(env);
  }

  CliRunner with(String name, String value) {
    CliRunner copy = new CliRunner(env);
    copy.env.put(name, value);
    return copy;
  }

  CliRunner without(String name) {
    CliRunner copy = new CliRunner(env);
    copy.env.remove(name);
    return copy;
  }

  record Result(int code, String out, String err) {}

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new CliContext(
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
