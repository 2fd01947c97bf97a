package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acai.api.error.NotFoundException;
import org.acai.sdk.AcaiClient;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;

/**
 * The command line run as processes, as the resident-client tests run it: a launcher (the jar in a
 * JVM, or the {@code acai} script) in a working directory, with a test user's environment (its own
 * home, endpoint and token) and nothing else of {@code ACAI_*} from the test's own.
 */
final class DaemonHarness {
  private static final Pattern SERVED = Pattern.compile("pid (\\d+), .*, (\\d+) commands served");

  /** What a command did. */
  record Result(int code, String out, String err) {}

  private final List<String> launcher;
  private final Map<String, String> environment;
  private final Path dir;

  /**
   * Runs {@code launcher} (the command line before the arguments) with {@code environment}; {@code
   * dir} holds scratch files and is where status commands run.
   */
  DaemonHarness(List<String> launcher, Map<String, String> environment, Path dir) {
    this.launcher = List.copyOf(launcher);
    this.environment = Map.copyOf(environment);
    this.dir = dir;
  }

  /**
   * A test user's environment: its own home, the server and its token, a credentials file that does
   * not exist, and a daemon that waits two minutes idle.
   */
  static Map<String, String> userEnvironment(Path home, URI endpoint, String token, Path dir) {
    return Map.of(
        "HOME", home.toString(),
        "ACAI_ENDPOINT", endpoint.toString(),
        "ACAI_TOKEN", token,
        "ACAI_CREDENTIALS_FILE", dir.resolve("credentials").toString(),
        "ACAI_DAEMON_IDLE_SECONDS", "120");
  }

  /** The environment a command gets, with {@code env} over the user's. */
  Map<String, String> environment(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(environment);
    all.putAll(env);
    return all;
  }

  Process start(Path cwd, Map<String, String> env, String... args) throws IOException {
    List<String> argv = new ArrayList<>(launcher);
    argv.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(argv).directory(cwd.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("ACAI_"));
    builder.environment().putAll(environment(env));
    return builder.start();
  }

  Result run(Path cwd, Map<String, String> env, String... args) throws Exception {
    Process process = start(cwd, env, args);
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(
        process.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  /** {@code acai daemon status}: group 1 the daemon's pid, group 2 the commands it served. */
  Matcher status() throws Exception {
    Result status = run(dir, Map.of(), "daemon", "status");
    Matcher matcher = SERVED.matcher(status.out());
    assertThat(matcher.find()).as(status.out() + status.err()).isTrue();
    return matcher;
  }

  /** Waits for the daemon the first command started (and for {@code ready}); returns its pid. */
  long awaitDaemon(BooleanSupplier ready) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Result status = run(dir, Map.of(), "daemon", "status");
      Matcher matcher = SERVED.matcher(status.out());
      if (status.code() == 0 && matcher.find() && ready.getAsBoolean()) {
        return Long.parseLong(matcher.group(1));
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no daemon started");
  }

  /** The content of a remote file, read by {@code client}. */
  String read(AcaiClient client, String path) throws IOException {
    Path local = Files.createTempFile(dir, "read", ".txt");
    Files.delete(local);
    client.files().download(Map.of(path, local.toString()));
    return Files.readString(local);
  }

  /**
   * The same {@code put} under two projects' tokens, one after the other in one daemon: each lands
   * in its caller's project only, the other project sees nothing of the first's, the daemon served
   * both (two commands), and its environment holds neither token.
   *
   * @param project the project of the harness's own token {@code token}
   */
  void eachCommandCarriesItsOwnToken(AcaiServerExtension server, TestProject project, String token)
      throws Exception {
    TestProject other = server.newProject();
    String otherToken = server.newUserToken(other).userToken();
    Files.writeString(dir.resolve("mine.txt"), "mine");
    Files.writeString(dir.resolve("theirs.txt"), "theirs");
    run(dir, Map.of(), "put", "mine.txt", "/start.txt");
    long pid = awaitDaemon(() -> true);

    Result mine = run(dir, Map.of(), "put", "mine.txt", "/iso.txt");
    Result theirs = run(dir, Map.of("ACAI_TOKEN", otherToken), "put", "theirs.txt", "/iso.txt");

    assertThat(mine.out()).isEqualTo("mine.txt -> /iso.txt:1\n");
    assertThat(theirs.out()).isEqualTo("theirs.txt -> /iso.txt:1\n");
    assertThat(read(server.newUser(project), "/iso.txt")).isEqualTo("mine");
    assertThat(read(server.newUser(other), "/iso.txt")).isEqualTo("theirs");
    assertThatThrownBy(() -> server.newUser(other).files().listFileVersions("/start.txt"))
        .isInstanceOf(NotFoundException.class);
    assertThat(status().group(2)).isEqualTo("2");
    String environment =
        Files.readString(Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.UTF_8);
    assertThat(environment).doesNotContain(token).doesNotContain(otherToken);
  }
}
