package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * The resident client's door refusing what the {@code acai} script would not send: names that are
 * not claimed slots of its own, requests it cannot read, requests for another jar.
 */
class ShellDoorSlotsIT {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir Path dir;
  private TestProject project;
  private String token;
  private DaemonHarness harness;
  private ShellCheckout shell;

  @BeforeEach
  void setUp() throws IOException {
    project = SERVER.newProject();
    token = SERVER.newUserToken(project).userToken();
    shell = new ShellCheckout(dir, SERVER.endpoint(), token);
    harness = shell.harness();
  }

  @AfterEach
  void stopDaemon() throws Exception {
    harness.run(dir, Map.of(), "daemon", "stop");
  }

  @Test
  void theDoorIgnoresNamesThatAreNotClaimedSlotsOfItsOwn() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    harness.run(dir, Map.of(), "put", "a.txt", "/warm.txt");
    shell.awaitDaemon();
    shell.awaitFreeSlots(ShellCheckout.FREE_SLOTS);
    Path door = shell.door();
    Path slots = shell.slots();
    // A request outside the private directory, reached through a name and through a link; and
    // one in a slot of the daemon's that nobody claimed.
    Path outside = Files.createDirectories(dir.resolve("outside/7"));
    Files.write(outside.resolve("request"), shell.request(dir, "put", "a.txt", "/outside.txt"));
    Files.writeString(outside.resolve("claim"), ProcessHandle.current().pid() + "\n");
    Files.createSymbolicLink(slots.resolve("999"), outside);
    String unclaimed = shell.freeSlots().get(0).getFileName().toString();
    Files.write(
        slots.resolve(unclaimed).resolve("request"),
        shell.request(dir, "put", "a.txt", "/unclaimed.txt"));

    Files.writeString(
        door,
        "../../outside/7\n999\n" + unclaimed + "\n" + "x".repeat(5000) + "\n",
        StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    Result after = harness.run(dir, Map.of(), "put", "a.txt", "/after.txt");

    assertThat(after.code()).as(after.err()).isZero();
    assertThat(outside.resolve("request")).exists();
    assertThat(harness.status().group(2)).isEqualTo("1");
    for (String never : List.of("/outside.txt", "/unclaimed.txt")) {
      Assertions.assertThatThrownBy(() -> SERVER.newUser(project).files().listFileVersions(never))
          .isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void aRequestTheDaemonCannotReadIsAnsweredSoItsCallerGoesOn() throws Exception {
    Path slot = answered("/\0/\0not a pid\0x\0".getBytes(StandardCharsets.UTF_8));

    assertThat(slot.resolve("rc")).hasContent("busy\n");
    assertThat(slot.resolve("request")).doesNotExist();
    assertThat(harness.status().group(2)).isEqualTo("0");
  }

  @Test
  void aRequestForAnotherJarIsAnsweredBusy() throws Exception {
    Path other = Files.copy(ServerProcess.JAR, dir.resolve("other.jar"));

    Path slot = answered(shell.request(other, dir, "put", "a.txt", "/other.txt"));

    assertThat(slot.resolve("rc")).hasContent("busy\n");
    assertThat(harness.status().group(2)).isEqualTo("0");
    Assertions.assertThatThrownBy(
            () -> SERVER.newUser(project).files().listFileVersions("/other.txt"))
        .isInstanceOf(NotFoundException.class);
  }

  /**
   * Hands the daemon a request as the script would (a free slot claimed, the request written, the
   * readers of its FIFOs started, its name in the door) and waits for its answer; returns the slot.
   */
  private Path answered(byte[] request) throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    harness.run(dir, Map.of(), "put", "a.txt", "/warm.txt");
    shell.awaitDaemon();
    shell.awaitFreeSlots(ShellCheckout.FREE_SLOTS);
    Path slot = shell.freeSlots().get(0);
    Files.writeString(slot.resolve("claim"), ProcessHandle.current().pid() + "\n");
    Files.write(slot.resolve("request"), request);
    // The script's readers: they end when the daemon closes the FIFOs.
    Process readers =
        new ProcessBuilder("bash", "-c", "cat out > out.txt & cat err > err.txt & wait", "readers")
            .directory(slot.toFile())
            .start();

    Files.writeString(
        shell.door(),
        slot.getFileName() + "\n",
        StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);

    assertThat(readers.waitFor(30, TimeUnit.SECONDS)).as("the FIFOs were closed").isTrue();
    return slot;
  }
}
