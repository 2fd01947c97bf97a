package org.acai.bench.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code acai} command line as a user runs it: a new JVM per command (start-up included), with
 * the launcher's client JVM options, acting as the benchmark's user.
 */
public final class Cli {
  private final Path jar;
  private final Map<String, String> env;
  private final Path log;

  /**
   * Runs {@code jar} with {@code env} (endpoint and token), its progress lines into {@code log}.
   */
  public Cli(Path jar, Map<String, String> env, Path log) {
    this.jar = jar;
    this.env = env;
    this.log = log;
  }

  /** {@code acai put DIR/ REMOTE/ --fileset NAME}. */
  public void put(Path dir, String remoteDir, String fileSet)
      throws IOException, InterruptedException {
    run("put", dir + "/", remoteDir, "--fileset", fileSet);
  }

  /** {@code acai fileset get NAME --into DIR}. */
  public void getFileSet(String name, Path into) throws IOException, InterruptedException {
    run("fileset", "get", name, "--into", into.toString());
  }

  private void run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // As the ./acai launcher starts client commands.
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString()));
    command.addAll(List.of(args));
    Shell.run(env, command, log);
  }
}
