package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
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

  @TempDir Path dir;
  private Path checkout;
  private TestProject project;
  private String token;
  private DaemonHarness harness;
  private ShellCheckout shell;

  @BeforeEach
  void setUp() throws IOException {
    project = SERVER.newProject();
    token = SERVER.newUserToken(project).userToken();
    shell = new ShellCheckout(dir, SERVER.endpoint(), token);
    checkout = shell.checkout();
    harness = shell.harness();
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
    long pid = shell.awaitDaemon();
    Path door = shell.door();
    // No java to be found: only the door can run these. The door's way needs no tool but the
    // readers of the output (cat) and the watchdog's sleep: no find, stat, mktemp, mkfifo or rm.
    Map<String, String> noJava = Map.of("PATH", catAndSleep().toString());

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
    assertThat(door.getFileName().toString())
        .isEqualTo(
            "door-" + checkout.resolve("acai-cli/target/acai.jar").toString().replace("/", "%2F"));
    assertThat(shell.requestsLeft()).isEmpty();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(door)))
        .isEqualTo("rw-------");
    Path slots = shell.slots();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(slots)))
        .isEqualTo("rwx------");
    // Each command had a slot of its own; the used ones go once their scripts have ended, and
    // fresh ones take their places.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (shell.slotNames().size() != ShellCheckout.FREE_SLOTS && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(shell.slotNames())
        .hasSize(ShellCheckout.FREE_SLOTS)
        .allMatch(name -> Integer.parseInt(name) >= 4);
    assertThat(shell.freeSlots()).hasSize(ShellCheckout.FREE_SLOTS);
  }

  @Test
  void aDaemonWhoseCheckoutChangedLeavesTheCommandToTheScriptWhichRebuilds() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    harness.run(dir, Map.of(), "put", "a.txt", "/warm.txt");
    long pid = shell.awaitDaemon();
    Result served = harness.run(dir, Map.of(), "put", "a.txt", "/served.txt");
    assertThat(served.code()).as(served.err()).isZero();
    assertThat(harness.status().group(2)).isEqualTo("1");

    // A source edited after the build: the daemon, which watches the checkout, answers busy, and
    // the script's own test finds the change and builds (which fails here: no pom.xml).
    Path source = Files.createDirectories(checkout.resolve("acai-sdk/src/main/java/org"));
    Files.writeString(source.resolve("Edited.java"), "class Edited {}");
    Result stale = harness.run(dir, Map.of(), "put", "a.txt", "/stale.txt");

    assertThat(stale.code()).isEqualTo(1);
    assertThat(stale.err())
        .contains("acai: building the distribution (first run or sources changed)")
        .contains("acai: build failed");
    assertThat(shell.requestsLeft()).isEmpty();

    // Older than the build again: the daemon that answered busy serves again.
    Path jar = checkout.resolve("acai-cli/target/acai.jar");
    Files.setLastModifiedTime(
        source.resolve("Edited.java"),
        FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
    Result again = harness.run(dir, Map.of(), "put", "a.txt", "/again.txt");

    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).isEqualTo("a.txt -> /again.txt:1\n");
    Matcher status = harness.status();
    assertThat(status.group(1)).isEqualTo(Long.toString(pid));
    assertThat(status.group(2)).isEqualTo("2");
    Assertions.assertThatThrownBy(
            () -> SERVER.newUser(project).files().listFileVersions("/stale.txt"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void eachCommandCarriesItsOwnToken() throws Exception {
    harness.eachCommandCarriesItsOwnToken(SERVER, project, token);
  }

  @Test
  void aCallerInterruptedMidCommandEndsItAndTheDaemon() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    harness.run(dir, Map.of(), "put", "a.txt", "/warm.txt");
    long pid = shell.awaitDaemon();
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
    shell.awaitEnd(pid);
    Assertions.assertThatThrownBy(
            () -> SERVER.newUser(project).files().listFileVersions("/big.bin"))
        .isInstanceOf(NotFoundException.class);
    assertThat(shell.requestsLeft()).isEmpty();
  }

  @Test
  void aDoorWhoseDaemonIsGoneOrBusyLeavesTheCommandToItsOwnJvm() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    harness.run(dir, Map.of(), "put", "a.txt", "/warm.txt");
    long pid = shell.awaitDaemon();
    Path door = shell.door();
    new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
    shell.awaitEnd(pid);

    Result orphaned = harness.run(dir, Map.of(), "put", "a.txt", "/orphaned.txt");

    assertThat(orphaned.code()).as(orphaned.err()).isZero();
    assertThat(orphaned.out()).isEqualTo("a.txt -> /orphaned.txt:1\n");
    long next = shell.awaitDaemon();
    assertThat(next).isNotEqualTo(pid);
    assertThat(shell.door()).isEqualTo(door);
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
    assertThat(shell.requestsLeft()).isEmpty();
  }

  @Test
  void aScriptReachedThroughALinkOrDotsFindsTheDoorOfItsJar() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    harness.run(dir, Map.of(), "put", "a.txt", "/warm.txt");
    long pid = shell.awaitDaemon();
    Files.createSymbolicLink(dir.resolve("link"), checkout);
    // No java: only the door can run these. The daemon named its door after the jar's real path.
    Map<String, String> noJava = Map.of("PATH", catAndSleep().toString());
    List<String> scripts = List.of("link/acai", "checkout/./acai", "link/../checkout/acai");

    for (int i = 0; i < scripts.size(); i++) {
      DaemonHarness other =
          new DaemonHarness(List.of("bash", scripts.get(i)), harness.environment(Map.of()), dir);
      Result put = other.run(dir, noJava, "put", "a.txt", "/via" + i + ".txt");
      assertThat(put.code()).as(scripts.get(i) + ": " + put.err()).isZero();
      assertThat(put.out()).isEqualTo("a.txt -> /via" + i + ".txt:1\n");
    }
    Matcher status = harness.status();
    assertThat(Long.parseLong(status.group(1))).isEqualTo(pid);
    assertThat(Integer.parseInt(status.group(2))).isEqualTo(scripts.size());
  }

  /** A folder of the only tools the script's door uses ({@code cat} and {@code sleep}). */
  private Path catAndSleep() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : List.of("cat", "sleep")) {
      Path target =
          Files.exists(Path.of("/usr/bin", tool))
              ? Path.of("/usr/bin", tool)
              : Path.of("/bin", tool);
      Files.createSymbolicLink(bin.resolve(tool), target.toRealPath());
    }
    return bin;
  }
}
