package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A checkout of its own for the launcher script's tests (the script and a copy of the jar), a home
 * for its daemon, and what those tests look at in the daemon directory.
 */
final class ShellCheckout {
  /** The free slots a daemon keeps (DoorSlots.FREE). */
  static final int FREE_SLOTS = 4;

  private static final Path SCRIPT = Path.of("..", "acai").toAbsolutePath().normalize();

  private final Path checkout;
  private final Path daemons;
  private final DaemonHarness harness;

  /** Makes the checkout and the home under {@code dir}, for a user with {@code token}. */
  ShellCheckout(Path dir, URI endpoint, String token) throws IOException {
    checkout = dir.resolve("checkout");
    Files.createDirectories(checkout.resolve("acai-cli/target"));
    Files.copy(ServerProcess.JAR, checkout.resolve("acai-cli/target/acai.jar"));
    Files.copy(SCRIPT, checkout.resolve("acai"));
    Path home = Files.createDirectory(dir.resolve("home"));
    daemons = home.resolve(".acai/daemon");
    harness =
        new DaemonHarness(
            List.of("bash", checkout.resolve("acai").toString()),
            DaemonHarness.userEnvironment(home, endpoint, token, dir),
            dir);
  }

  Path checkout() {
    return checkout;
  }

  DaemonHarness harness() {
    return harness;
  }

  /** A request as the script writes it. */
  byte[] request(Path cwd, String... args) {
    return request(checkout.resolve("acai-cli/target/acai.jar"), cwd, args);
  }

  /** A request for {@code jar} as the script writes it. */
  byte[] request(Path jar, Path cwd, String... args) {
    StringBuilder request = new StringBuilder();
    request.append(jar).append('\0');
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

  List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(daemons)) {
      return files.map(path -> path.getFileName().toString()).toList();
    }
  }

  Path door() throws IOException {
    return daemons.resolve(
        names().stream()
            .filter(n -> n.startsWith("door-") && !n.endsWith(".pid") && !n.contains(".slots."))
            .findFirst()
            .orElseThrow());
  }

  /** The slots of the door's daemon. */
  Path slots() throws IOException {
    Path door = door();
    String pid = Files.readString(door.resolveSibling(door.getFileName() + ".pid")).trim();
    return door.resolveSibling(door.getFileName() + ".slots." + pid);
  }

  List<String> slotNames() throws IOException {
    try (Stream<Path> each = Files.list(slots())) {
      return each.map(slot -> slot.getFileName().toString()).toList();
    }
  }

  /** The daemon's slots nobody claimed. */
  List<Path> freeSlots() throws IOException {
    try (Stream<Path> each = Files.list(slots())) {
      return each.filter(slot -> Files.exists(slot.resolve("out")))
          .filter(slot -> !Files.exists(slot.resolve("claim")))
          .sorted()
          .toList();
    }
  }

  void awaitFreeSlots(int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (freeSlots().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(freeSlots()).hasSize(count);
  }

  /** Requests (which hold tokens) still anywhere in the daemon directory. */
  List<Path> requestsLeft() throws IOException {
    try (Stream<Path> files = Files.walk(daemons)) {
      return files.filter(path -> path.getFileName().toString().equals("request")).toList();
    }
  }

  void awaitEnd(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (alive(pid) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(alive(pid)).as("the daemon ended").isFalse();
  }

  /** Alive and not a zombie (a killed daemon's parent is gone; nobody may reap it here). */
  static boolean alive(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException e) {
      return false;
    }
  }

  /** Waits for the daemon the first command started and its door; returns its pid. */
  long awaitDaemon() throws Exception {
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
