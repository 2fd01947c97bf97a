package org.acai.bench.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code acai} command line as a user runs it: a new JVM per command (start-up included), with
 * the launcher's client JVM options, acting as the benchmark's user.
 */
public final class Cli {
  /** The launcher's JIT thresholds for transfer commands (see {@code acai}). */
  private static final List<String> TRANSFER_JIT =
      List.of(
          "-XX:Tier4InvocationThreshold=100000",
          "-XX:Tier4MinInvocationThreshold=60000",
          "-XX:Tier4CompileThreshold=120000",
          "-XX:Tier4BackEdgeThreshold=400000");

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

  /** {@code acai --version}: the start-up and exit of the JVM and the command line alone. */
  public void version() throws IOException, InterruptedException {
    run("--version");
  }

  /** {@code acai ls DIR}, its listing into the log. */
  public void ls(String dir) throws IOException, InterruptedException {
    run("ls", dir);
  }

  /** {@code acai fileset get NAME --into DIR}. */
  public void getFileSet(String name, Path into) throws IOException, InterruptedException {
    run("fileset", "get", name, "--into", into.toString());
  }

  /**
   * {@code acai put DIR/ REMOTE/} as {@link #put}, returning the command's peak resident memory in
   * bytes (its {@code VmHWM}, read every 20 ms while it runs).
   */
  public long putPeakRss(Path dir, String remoteDir) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command("put", dir + "/", remoteDir))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    long peak = 0;
    while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, PeakRss.of(status));
    }
    if (process.exitValue() != 0) {
      throw new IOException("acai put exited with " + process.exitValue() + "; see " + log);
    }
    return peak;
  }

  private void run(String... args) throws IOException, InterruptedException {
    Shell.run(env, command(args), log);
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // As the ./acai launcher starts client commands: transfers with C2 for their hottest methods
    // only, others C1 only.
    if (List.of("put", "get", "fileset").contains(args[0])) {
      command.addAll(TRANSFER_JIT);
      command.add("-Xmn16m");
    } else {
      command.add("-XX:TieredStopAtLevel=1");
    }
    command.addAll(List.of("-XX:+UseSerialGC", "-Xlog:cds*=off"));
    // The launcher's class-data archive: recorded by the first command (the warm-up), then mapped.
    Path archive = log.resolveSibling("acai-client.jsa");
    command.add(
        (Files.exists(archive) ? "-XX:SharedArchiveFile=" : "-XX:ArchiveClassesAtExit=") + archive);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(List.of(args));
    return command;
  }
}
