package org.acai.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code acai server} started from the shaded jar as a real child process. */
final class ServerProcess {
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
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target", "acai.jar").toAbsolutePath().toString(),
                "server",
                "--port",
                "0",
                "--home",
                home.toString())
            .redirectErrorStream(true);
    // Jobs here run the host's bash: the local sandbox, and plain processes where it cannot work.
    builder.environment().put("ACAI_EXECUTOR", "local");
    if (!java.nio.file.Files.isExecutable(Path.of("/usr/bin/bwrap"))) {
      builder.environment().put("ACAI_SANDBOX", "none");
    }
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
