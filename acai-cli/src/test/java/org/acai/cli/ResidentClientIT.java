package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.acai.api.error.NotFoundException;
import org.acai.cli.DaemonHarness.Result;
import org.acai.sdk.AcaiClient;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident client as a user meets it: the jar's command line run as processes, each in its own
 * working directory. The first transfer command starts the daemon; later ones run in it, in the
 * directory and with the credentials they were typed with.
 */
class ResidentClientIT {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir Path dir;
  private Path jar;
  private Path home;
  private TestProject project;
  private String token;
  private DaemonHarness harness;

  @BeforeEach
  void setUp() throws IOException {
    // A jar of its own: its own daemon, and one this test may touch.
    jar = Files.copy(ServerProcess.JAR, dir.resolve("acai.jar"));
    home = Files.createDirectory(dir.resolve("home"));
    project = SERVER.newProject();
    token = SERVER.newUserToken(project).userToken();
    harness =
        new DaemonHarness(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                jar.toString()),
            DaemonHarness.userEnvironment(home, SERVER.endpoint(), token, dir),
            dir);
  }

  @AfterEach
  void stopDaemon() throws Exception {
    harness.run(dir, Map.of(), "daemon", "stop");
  }

  @Test
  void transferCommandsRunInTheDaemonInTheDirectoryTheyAreTypedIn() throws Exception {
    Path one = Files.createDirectory(dir.resolve("one"));
    Path two = Files.createDirectory(dir.resolve("two"));
    Files.writeString(one.resolve("a.txt"), "first");
    Files.writeString(two.resolve("a.txt"), "second");
    Files.createDirectories(two.resolve("data/sub"));
    Files.writeString(two.resolve("data/x.txt"), "x");
    Files.writeString(two.resolve("data/sub/y.txt"), "y");

    Result first = harness.run(one, Map.of(), "put", "a.txt", "/r/");
    long pid = awaitDaemon();
    Result second = harness.run(two, Map.of(), "put", "a.txt", "/r/");
    Result tree = harness.run(two, Map.of(), "put", "data/", "/r/d/", "--fileset", "fs");
    Path three = Files.createDirectories(dir.resolve("three/got"));
    Result get = harness.run(three.getParent(), Map.of(), "get", "/r/a.txt:1", "got/");
    Path four = Files.createDirectories(dir.resolve("four/mnt"));
    Result mount = harness.run(four.getParent(), Map.of(), "fileset", "get", "fs", "--into", "mnt");
    Result missing = harness.run(two, Map.of(), "put", "missing.txt", "/r/");
    Result usage = harness.run(two, Map.of(), "put", "a.txt");

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo("a.txt -> /r/a.txt:1\n");
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).isEqualTo("a.txt -> /r/a.txt:2\n");
    assertThat(tree.out().lines().toList())
        .containsExactlyInAnyOrder(
            "data/x.txt -> /r/d/x.txt:1",
            "data/sub/y.txt -> /r/d/sub/y.txt:1",
            "file set fs:1 (2 files)");
    assertThat(get.out()).isEqualTo("/r/a.txt:1 -> got/a.txt\n");
    assertThat(three.resolve("a.txt")).hasContent("first");
    assertThat(mount.code()).as(mount.err()).isZero();
    assertThat(four.resolve("r/d/sub/y.txt")).hasContent("y");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err())
        .isEqualTo("acai: Nothing to upload: no such file or directory: missing.txt\n");
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.err()).contains("Usage: acai put");
    AcaiClient client = SERVER.newUser(project);
    assertThat(harness.read(client, "/r/a.txt:2")).isEqualTo("second");
    // Every command after the first ran in the same daemon.
    Matcher status = harness.status();
    assertThat(Long.parseLong(status.group(1))).isEqualTo(pid);
    assertThat(Integer.parseInt(status.group(2))).isEqualTo(6);
  }

  @Test
  void eachCommandCarriesItsOwnCredentialsAndTheDaemonKeepsNone() throws Exception {
    harness.eachCommandCarriesItsOwnToken(SERVER, project, token);
  }

  @Test
  void aCallerThatLeavesEndsItsCommandAndTheDaemon() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    harness.run(dir, Map.of(), "put", "a.txt", "/warm.txt");
    long pid = awaitDaemon();
    try (RandomAccessFile big = new RandomAccessFile(dir.resolve("big.bin").toFile(), "rw")) {
      big.setLength(2L << 30);
    }

    Process put = harness.start(dir, Map.of(), "put", "big.bin", "/big.bin");
    Thread.sleep(1500);
    assertThat(put.isAlive()).as("the 2 GiB upload still runs").isTrue();
    put.destroy(); // SIGTERM, as a closed terminal; Ctrl-C ends the JVM the same way

    assertThat(put.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (ServerProcess.isAlive(pid) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(ServerProcess.isAlive(pid)).as("the daemon ended with its caller").isFalse();
    AcaiClient client = SERVER.newUser(project);
    Assertions.assertThatThrownBy(() -> client.files().listFileVersions("/big.bin"))
        .isInstanceOf(NotFoundException.class);
    Result after = harness.run(dir, Map.of(), "put", "a.txt", "/after.txt");
    assertThat(after.code()).as(after.err()).isZero();
  }

  /**
   * The daemon stays resident between commands, so a many-file put must not make it touch much of
   * its heap. On this kind of machine the daemon peaked at 118 MiB here with its options, and at
   * 177 MiB with only {@code -Xmx384m}, whose initial heap (1/64 of RAM) let the young generation
   * fill 116 MiB of pages that it then kept.
   */
  @Test
  void putsOfThousandsOfFilesLeaveTheDaemonSmall() throws Exception {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      System.out.println("SKIP putsOfThousandsOfFilesLeaveTheDaemonSmall: no /proc here");
      return;
    }
    Files.writeString(dir.resolve("a.txt"), "a");
    harness.run(dir, Map.of(), "put", "a.txt", "/warm.txt");
    long pid = awaitDaemon();
    Path data = Files.createDirectory(dir.resolve("data"));
    byte[] content = new byte[4096];
    for (int round = 1; round <= 3; round++) {
      for (int i = 0; i < 3000; i++) {
        Path file = data.resolve("d" + i / 500).resolve("f" + i + ".bin");
        Files.createDirectories(file.getParent());
        ByteBuffer.wrap(content).putInt(0, round).putInt(4, i);
        Files.write(file, content);
      }
      Result put = harness.run(dir, Map.of(), "put", "data/", "/round" + round + "/");
      assertThat(put.code()).as(put.err()).isZero();
    }

    Matcher served = harness.status();
    assertThat(Long.parseLong(served.group(1))).isEqualTo(pid);
    assertThat(served.group(2)).as("the three puts ran in the daemon").isEqualTo("3");
    long peakKib = statusKib(pid, "VmHWM");
    assertThat(peakKib).as("the daemon's peak resident memory, KiB").isLessThan(144 * 1024);
    AcaiClient client = SERVER.newUser(project);
    assertThat(client.files().listFileVersions("/round3/d5/f2999.bin")).hasSize(1);
  }

  /** A field of a process's {@code /proc/PID/status}, in KiB. */
  private static long statusKib(long pid, String field) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
        .filter(line -> line.startsWith(field + ":"))
        .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aCommandWhileTheDaemonIsBusyRunsInItsOwnJvm() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    harness.run(dir, Map.of(), "put", "a.txt", "/warm.txt");
    awaitDaemon();
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
    // Served: not the first command (it started the daemon), the big put, and the one meanwhile
    // only if the big one had ended (a machine fast enough to upload 1 GiB in a second).
    if (busyAfter) {
      assertThat(harness.status().group(2)).isEqualTo("1");
    } else if (!busyBefore) {
      assertThat(harness.status().group(2)).isEqualTo("2");
    }
  }

  @Test
  void theDaemonIsPrivateEndsWithItsJarAndCanBeTurnedOff() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    Result off = harness.run(dir, Map.of("ACAI_DAEMON", "off"), "put", "a.txt", "/off.txt");
    Thread.sleep(1000);
    Result none = harness.run(dir, Map.of(), "daemon", "status");

    assertThat(off.code()).as(off.err()).isZero();
    assertThat(none.code()).isEqualTo(3);
    assertThat(none.out()).startsWith("acai daemon: not running");

    harness.run(dir, Map.of(), "put", "a.txt", "/on.txt");
    long pid = awaitDaemon();
    Path daemons = home.resolve(".acai/daemon");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(daemons)))
        .isEqualTo("rwx------");
    try (var sockets = Files.list(daemons)) {
      Path socket = sockets.filter(p -> p.toString().endsWith(".sock")).findFirst().orElseThrow();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
          .isEqualTo("rw-------");
    }

    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (ServerProcess.isAlive(pid) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(ServerProcess.isAlive(pid)).as("a rebuilt jar ends the old daemon").isFalse();
  }

  @Test
  void aCommandNeverHandsItsTokenToASocketInADirectoryOfAnotherUser() throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      System.out.println(
          "SKIP aCommandNeverHandsItsTokenToASocketInADirectoryOfAnotherUser: needs root to chown");
      return;
    }
    Files.writeString(dir.resolve("a.txt"), "a");
    harness.run(dir, Map.of(), "put", "a.txt", "/first.txt");
    awaitDaemon();
    String socketName;
    try (var files = Files.list(home.resolve(".acai/daemon"))) {
      socketName =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".sock"))
              .findFirst()
              .orElseThrow();
    }
    // Another user's home where ours would be, and a listener where our daemon's socket would be.
    Path trap = Files.createDirectories(dir.resolve("trap/.acai/daemon"));
    Files.setPosixFilePermissions(trap, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setAttribute(trap, "unix:uid", 65534);
    try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      listener.bind(UnixDomainSocketAddress.of(trap.resolve(socketName)));
      listener.configureBlocking(false);

      Result put =
          harness.run(
              dir, Map.of("HOME", dir.resolve("trap").toString()), "put", "a.txt", "/a.txt");
      Thread.sleep(2000);

      assertThat(put.code()).as(put.err()).isZero();
      assertThat(put.out()).isEqualTo("a.txt -> /a.txt:1\n");
      assertThat(listener.accept()).as("no command connected to the trap").isNull();
      try (var files = Files.list(trap)) {
        assertThat(files.map(p -> p.getFileName().toString()).toList())
            .as("nothing of ours in a directory another user controls")
            .containsExactly(socketName);
      }
    }
  }

  private long awaitDaemon() throws Exception {
    return harness.awaitDaemon(() -> true);
  }
}
