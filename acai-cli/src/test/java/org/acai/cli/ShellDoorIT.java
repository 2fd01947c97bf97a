package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.acai.api.error.NotFoundException;
import org.acai.cli.DaemonHarness.Result;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code acai} launcher script handing transfer commands to the resident client through its
 * door (a FIFO in the private daemon directory), with no JVM of its own: run as a user types it,
 * from a checkout of its own (the script and a copy of the jar).
 */
class ShellDoorIT {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  private static final Path SCRIPT = Path.of("..", "acai").toAbsolutePath().normalize();

  @TempDir Path dir;
  private Path checkout;
  private Path home;
  private Path daemons;
  private TestProject project;
  private String token;
  private DaemonHarness harness;

  @BeforeEach
  void setUp() throws IOException {
    checkout = Files.createDirectories(dir.resolve("checkout/acai-cli/target")).getParent();
    checkout = checkout.getParent();
    Files.copy(ServerProcess.JAR, checkout.resolve("acai-cli/target/acai.jar"));
    Files.copy(SCRIPT, checkout.resolve("acai"));
    home = Files.createDirectory(dir.resolve("home"));
    daemons = home.resolve(".acai/daemon");
    project = SERVER.newProject();
    token = SERVER.newUserToken(project).userToken();
    harness =
        new DaemonHarness(
            List.of("bash", checkout.resolve("acai").toString()),
            DaemonHarness.userEnvironment(home, SERVER.endpoint(), token, dir),
            dir);
  }

  @AfterEach
  void stopDaemon() throws Exception {
    harness.run(dir, Map.of(), "daemon", "stop");
  }

  @Test
  void servedCommandsGoThroughTheDoorInTheirOwnDirectoryAndLeaveNothingBehind() throws Exception {
    Path work = Files.createDirectory(dir.resolve("work"));
    Files.writeString(work.resolve("a.txt"), "first");
    Files.createDirectories(work.resolve("data/sub"));
    Files.writeString(work.resolve("data/sub/y.txt"), "y");
    harness.run(work, Map.of(), "put", "a.txt", "/start.txt");
    long pid = awaitDaemon();
    Path door = door();
    // No java to be found: only the door can run these.
    Map<String, String> noJava = Map.of("PATH", toolsWithoutJava().toString());

    Result put = harness.run(work, noJava, "put", "data/", "/d/", "--fileset", "fs");
    Path mount = Files.createDirectories(dir.resolve("elsewhere/mnt"));
    Result get = harness.run(mount.getParent(), noJava, "fileset", "get", "fs", "--into", "mnt");
    Result missing = harness.run(work, noJava, "put", "missing.txt", "/r/");
    Result usage = harness.run(work, noJava, "put", "a.txt");
    Result unserved = harness.run(work, noJava, "ls", "/");

    assertThat(put.code()).as(put.err()).isZero();
    assertThat(put.out().lines().toList())
        .containsExactly("data/sub/y.txt -> /d/sub/y.txt:1", "file set fs:1 (1 files)");
    assertThat(get.code()).as(get.err()).isZero();
    assertThat(mount.resolve("d/sub/y.txt")).hasContent("y");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err())
        .isEqualTo("acai: Nothing to upload: no such file or directory: missing.txt\n");
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.err()).contains("Usage: acai put");
    assertThat(unserved.code()).isNotZero();
    assertThat(unserved.err()).contains("java");
    // All four through the door to the daemon the first one started, which keeps no request (nor
    // its token).
    Matcher status = harness.status();
    assertThat(Long.parseLong(status.group(1))).isEqualTo(pid);
    assertThat(Integer.parseInt(status.group(2))).isEqualTo(4);
    assertThat(Files.readString(door.resolveSibling(door.getFileName() + ".pid")).trim())
        .isEqualTo(Long.toString(pid));
    assertThat(names()).noneMatch(name -> name.startsWith("req."));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(door)))
        .isEqualTo("rw-------");
  }

  @Test
  void eachCommandCarriesItsOwnToken() throws Exception {
    harness.eachCommandCarriesItsOwnToken(SERVER, project, token);
  }

  @Test
  void aCallerInterruptedMidCommandEndsItAndTheDaemon() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    harness.run(dir, Map.of(), "put", "a.txt", "/warm.txt");
    long pid = awaitDaemon();
    try (RandomAccessFile big = new RandomAccessFile(dir.resolve("big.bin").toFile(), "rw")) {
      big.setLength(2L << 30);
    }

    Process put = harness.start(dir, Map.of(), "put", "big.bin", "/big.bin");
    Thread.sleep(1500);
    assertThat(put.isAlive()).as("the 2 GiB upload still runs").isTrue();
    // Ctrl-C: the terminal sends SIGINT to the script.
    new ProcessBuilder("kill", "-INT", Long.toString(put.pid())).start().waitFor();

    assertThat(put.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(put.exitValue()).isEqualTo(130);
    awaitEnd(pid);
    Assertions.assertThatThrownBy(
            () -> SERVER.newUser(project).files().listFileVersions("/big.bin"))
        .isInstanceOf(NotFoundException.class);
    assertThat(names()).noneMatch(name -> name.startsWith("req."));
  }

  @Test
  void aDoorWhoseDaemonIsGoneOrBusyLeavesTheCommandToItsOwnJvm() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    harness.run(dir, Map.of(), "put", "a.txt", "/warm.txt");
    long pid = awaitDaemon();
    Path door = door();
    new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
    awaitEnd(pid);

    Result orphaned = harness.run(dir, Map.of(), "put", "a.txt", "/orphaned.txt");

    assertThat(orphaned.code()).as(orphaned.err()).isZero();
    assertThat(orphaned.out()).isEqualTo("a.txt -> /orphaned.txt:1\n");
    long next = awaitDaemon();
    assertThat(next).isNotEqualTo(pid);
    assertThat(door()).isEqualTo(door);
    try (RandomAccessFile big = new RandomAccessFile(dir.resolve("big.bin").toFile(), "rw")) {
      big.setLength(1L << 30);
    }
    Process busy = harness.start(dir, Map.of(), "put", "big.bin", "/big.bin");
    Thread.sleep(1000);
    boolean busyBefore = busy.isAlive();
    Result meanwhile = harness.run(dir, Map.of(), "put", "a.txt", "/meanwhile.txt");
    boolean busyAfter = busy.isAlive();
    assertThat(busy.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(meanwhile.code()).as(meanwhile.err()).isZero();
    assertThat(meanwhile.out()).isEqualTo("a.txt -> /meanwhile.txt:1\n");
    assertThat(busy.exitValue()).isZero();
    if (busyAfter) {
      assertThat(harness.status().group(2)).as("the big put only").isEqualTo("1");
    } else if (!busyBefore) {
      assertThat(harness.status().group(2)).isEqualTo("2");
    }
    assertThat(names()).noneMatch(name -> name.startsWith("req."));
  }

  @Test
  void theDoorIgnoresNamesThatAreNotRequestDirectoriesOfItsOwn() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    harness.run(dir, Map.of(), "put", "a.txt", "/warm.txt");
    awaitDaemon();
    Path door = door();
    // A request outside the private directory, reached through a name and through a link.
    Path outside = Files.createDirectories(dir.resolve("outside/req.AAAAAAAAAA"));
    Files.write(outside.resolve("request"), request(dir, "put", "a.txt", "/outside.txt"));
    Files.createSymbolicLink(daemons.resolve("req.BBBBBBBBBB"), outside);

    Files.writeString(
        door,
        "../../outside/req.AAAAAAAAAA\nreq.BBBBBBBBBB\n" + "x".repeat(5000) + "\n",
        StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    Result after = harness.run(dir, Map.of(), "put", "a.txt", "/after.txt");

    assertThat(after.code()).as(after.err()).isZero();
    assertThat(outside.resolve("request")).exists();
    assertThat(harness.status().group(2)).isEqualTo("1");
    Assertions.assertThatThrownBy(
            () -> SERVER.newUser(project).files().listFileVersions("/outside.txt"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aRequestTheDaemonCannotReadIsAnsweredSoItsCallerGoesOn() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    harness.run(dir, Map.of(), "put", "a.txt", "/warm.txt");
    awaitDaemon();
    Path request =
        Files.createDirectory(
            daemons.resolve("req.CCCCCCCCCC"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Process mkfifo =
        new ProcessBuilder(
                "mkfifo", request.resolve("out").toString(), request.resolve("err").toString())
            .start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
    Files.writeString(request.resolve("request"), "/\0not a pid\0x\0");
    // The script's readers: they end when the daemon closes the FIFOs.
    Process readers =
        new ProcessBuilder("bash", "-c", "cat out > out.txt & cat err > err.txt & wait", "readers")
            .directory(request.toFile())
            .start();

    Files.writeString(
        door(), "req.CCCCCCCCCC\n", StandardOpenOption.WRITE, StandardOpenOption.APPEND);

    assertThat(readers.waitFor(30, TimeUnit.SECONDS)).as("the FIFOs were closed").isTrue();
    assertThat(request.resolve("rc")).hasContent("busy\n");
    assertThat(request.resolve("request")).doesNotExist();
    assertThat(harness.status().group(2)).isEqualTo("0");
  }

  /** A folder of the tools the script's door uses, and no {@code java}. */
  private Path toolsWithoutJava() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : List.of("dirname", "find", "stat", "mktemp", "mkfifo", "env", "cat", "rm")) {
      Path target =
          Files.exists(Path.of("/usr/bin", tool))
              ? Path.of("/usr/bin", tool)
              : Path.of("/bin", tool);
      Files.createSymbolicLink(bin.resolve(tool), target);
    }
    Files.createSymbolicLink(bin.resolve("sleep"), Path.of("/usr/bin/sleep").toRealPath());
    return bin;
  }

  /** A request as the script writes it. */
  private byte[] request(Path cwd, String... args) {
    StringBuilder request = new StringBuilder();
    request.append(cwd).append('\0').append(ProcessHandle.current().pid()).append('\0');
    request.append(args.length).append('\0');
    for (String arg : args) {
      request.append(arg).append('\0');
    }
    harness
        .environment(Map.of())
        .forEach((k, v) -> request.append(k).append('=').append(v).append('\0'));
    return request.toString().getBytes(StandardCharsets.UTF_8);
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(daemons)) {
      return files.map(path -> path.getFileName().toString()).toList();
    }
  }

  private Path door() throws IOException {
    return daemons.resolve(
        names().stream()
            .filter(n -> n.startsWith("door-") && !n.endsWith(".pid"))
            .findFirst()
            .orElseThrow());
  }

  private void awaitEnd(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (alive(pid) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(alive(pid)).as("the daemon ended").isFalse();
  }

  /** Alive and not a zombie (a killed daemon's parent is gone; nobody may reap it here). */
  private static boolean alive(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException e) {
      return false;
    }
  }

  /** Waits for the daemon the first command started and its door; returns its pid. */
  private long awaitDaemon() throws Exception {
    return harness.awaitDaemon(
        () -> {
          try {
            return names().stream().anyMatch(name -> name.startsWith("door-"))
                && alive(Long.parseLong(harness.status().group(1)));
          } catch (Exception e) {
            return false;
          }
        });
  }
}
