package org.acai.bench.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code acai} command line as a user runs it: the checkout's {@code acai} launcher script
 * beside the jar's {@code acai-cli/target} (a new process per command, start-up included), acting
 * as the benchmark's user, in a home of its own. Transfer commands run in the resident client as
 * they do for a user (the first one starts it; later ones go through its door, without a JVM of
 * their own), or each in its own JVM ({@link #withoutDaemon}). A jar outside a checkout runs with
 * the launcher's JVM options.
 */
public final class Cli {
  /** The launcher's JIT thresholds for transfer commands (see {@code acai}). */
  private static final List<String> TRANSFER_JIT =
      List.of(
          "-XX:Tier4InvocationThreshold=100000",
          "-XX:Tier4MinInvocationThreshold=60000",
          "-XX:Tier4CompileThreshold=120000",
          "-XX:Tier4BackEdgeThreshold=400000");

  private static final Pattern STATUS = Pattern.compile("acai daemon: pid (\\d+),");

  private final Path jar;
  private final Map<String, String> env;
  private final Path log;

  /**
   * Runs {@code jar} with {@code env} (endpoint and token) and {@code HOME} a folder beside {@code
   * log}, its progress lines into {@code log}.
   */
  public Cli(Path jar, Map<String, String> env, Path log) throws IOException {
    this.jar = jar;
    this.log = log;
    Map<String, String> all = new HashMap<>(env);
    all.put("HOME", Files.createDirectories(log.resolveSibling("cli-home")).toString());
    this.env = Map.copyOf(all);
  }

  private Cli(Path jar, Map<String, String> env, Path log, String daemon) {
    this.jar = jar;
    Map<String, String> all = new HashMap<>(env);
    all.put("ACAI_DAEMON", daemon);
    this.env = Map.copyOf(all);
    this.log = log;
  }

  /** The same command line with the resident client off: every command in its own JVM. */
  public Cli withoutDaemon() {
    return new Cli(jar, env, log, "off");
  }

  /** The resident client's process id, when one runs. */
  public OptionalLong daemonPid() throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command("daemon", "status"))
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    Matcher matcher = STATUS.matcher(out);
    return matcher.find()
        ? OptionalLong.of(Long.parseLong(matcher.group(1)))
        : OptionalLong.empty();
  }

  /** Ends the resident client, if one runs. */
  public void stopDaemon() throws IOException, InterruptedException {
    run("daemon", "stop");
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

  /** The same command line acting for another server and user ({@code env}: endpoint, token). */
  public Cli forServer(Map<String, String> server) {
    Map<String, String> all = new HashMap<>(env);
    all.putAll(server);
    return new Cli(jar, all, log, all.getOrDefault("ACAI_DAEMON", ""));
  }

  /** The checkout's {@code acai} launcher script that runs this jar, if there is one. */
  public Optional<Path> launcher() {
    Path script = jar.toAbsolutePath().getParent().resolveSibling("../acai").normalize();
    boolean runsThisJar =
        script
            .resolve("../acai-cli/target/acai.jar")
            .normalize()
            .equals(jar.toAbsolutePath().normalize());
    return Files.isRegularFile(script) && runsThisJar ? Optional.of(script) : Optional.empty();
  }

  private List<String> command(String... args) {
    Optional<Path> launcher = launcher();
    if (launcher.isPresent()) {
      List<String> command = new ArrayList<>(List.of("bash", launcher.get().toString()));
      command.addAll(List.of(args));
      return command;
    }
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
