package org.acai.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code acai server} started from the shaded jar as a real child process. */
final class ServerProcess {
  /** The shaded jar the module's build made. */
  static final Path JAR = Path.of("target", "acai.jar").toAbsolutePath();

  private static final Pattern READY = Pattern.compile("ACAI server ready at (http://\\S+)");

  final Process process;
  final String url;
  final String output;

  private ServerProcess(Process process, String url, String output) {
    this.process = process;
    this.url = url;
    this.output = output;
  }

  static ServerProcess start(Path home) throws IOException {
    Map<String, String> env = new HashMap<>();
    // Jobs here run the host's bash: the local sandbox, and plain processes where it cannot work.
    if (!java.nio.file.Files.isExecutable(Path.of("/usr/bin/bwrap"))) {
      env.put("ACAI_SANDBOX", "none");
    }
    return start(List.of(), JAR, home, env);
  }

  /**
   * Starts {@code prefix java -jar jar server} (a prefix such as {@code setpriv --reuid ...} runs
   * it as another user) with the local executor and {@code env} added to this JVM's environment.
   */
  static ServerProcess start(List<String> prefix, Path jar, Path home, Map<String, String> env)
      throws IOException {
    List<String> argv = new ArrayList<>(prefix);
    argv.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            jar.toString(),
            "server",
            "--port",
            "0",
            "--home",
            home.toString()));
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    builder.environment().put("ACAI_EXECUTOR", "local");
    builder.environment().putAll(env);
    Process process = builder.start();
    StringBuilder output = new StringBuilder();
    String url = awaitReady(process, output);
    if (url == null) {
      process.destroyForcibly();
      throw new IllegalStateException("server did not start:\n" + output);
    }
    return new ServerProcess(process, url, output.toString());
  }

  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static String awaitReady(Process server, StringBuilder output) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    String url = null;
    String line;
    while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
      output.append(line).append('\n');
      Matcher ready = READY.matcher(line);
      if (ready.find()) {
        url = ready.group(1);
      }
      if (line.contains("Press Ctrl-C to stop.")) {
        Thread drain = new Thread(() -> drain(reader));
        drain.setDaemon(true);
        drain.start();
        return url;
      }
    }
    return null;
  }

  private static void drain(BufferedReader reader) {
    try {
      while (reader.readLine() != null) {
        // discard
      }
    } catch (IOException e) {
      // The process ended and its stream closed.
    }
  }
}
