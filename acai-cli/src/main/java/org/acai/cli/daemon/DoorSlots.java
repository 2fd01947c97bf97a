package org.acai.cli.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The request slots of a door's daemon, made ahead so that the shell script makes none: each a
 * directory {@code <door>.slots.<daemon's pid>/N} (mode 0700; the script reads the pid beside the
 * door) holding two FIFOs, {@code out} and {@code err}. The script claims a free slot by creating
 * its file {@code claim} exclusively (its shell's {@code noclobber}) and writing its pid into it,
 * writes its {@code request} there and names the slot in the door. A slot serves one command: once
 * its claimant's process has ended (the script reads the exit code from the slot, then ends), the
 * slot is deleted whole and a fresh one made in its place. The FIFOs are thus never shared by two
 * commands, not even with the readers of a script killed midway.
 *
 * <p>Before, the script made each request's directory and FIFOs itself and deleted them after
 * ({@code mktemp}, {@code mkfifo}, {@code rm}): three processes, about 33 ms of a served command's
 * 120 ms on this project's machine.
 */
final class DoorSlots {
  /** Slots kept free; a script that finds none runs its command in its own JVM. */
  static final int FREE = 4;

  /** A claim still without its pid after this long was left by a script that died midway. */
  private static final Duration UNWRITTEN_CLAIM = Duration.ofSeconds(30);

  private static final Pattern NAME = Pattern.compile("[0-9]{1,9}");

  private final Path directory;
  private final UserPrincipal owner;
  private final Set<Path> serving = ConcurrentHashMap.newKeySet();
  private int next;

  private DoorSlots(Path directory, UserPrincipal owner) {
    this.directory = directory;
    this.owner = owner;
  }

  private static boolean alive(String pid) {
    return pid.matches("[0-9]{1,18}")
        && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * The slots of this process at {@code door}. The slots that ended daemons of the door left are
   * deleted; a daemon still running (of the jar before a rebuild) keeps its own until it ends.
   */
  static DoorSlots open(Path door, UserPrincipal owner) throws IOException {
    String prefix = door.getFileName() + ".slots.";
    try (DirectoryStream<Path> others = Files.newDirectoryStream(door.getParent())) {
      for (Path other : others) {
        String name = other.getFileName().toString();
        if (name.startsWith(prefix) && !alive(name.substring(prefix.length()))) {
          deleteTree(other);
        }
      }
    }
    Path directory = door.resolveSibling(prefix + ProcessHandle.current().pid());
    deleteTree(directory);
    Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DaemonPlace.PRIVATE));
    DoorSlots slots = new DoorSlots(directory, owner);
    slots.maintain();
    return slots;
  }

  /**
   * The slot a line of the door names: a directory of ours right in the slots' directory, claimed,
   * holding a request and not served yet; marked served. Empty for anything else (a slot named
   * again after its request was read would leave a writer waiting for readers that are gone).
   */
  Optional<Path> take(String name) {
    if (!NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    Path slot = directory.resolve(name);
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(slot, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isDirectory()
          || !Files.getOwner(slot, LinkOption.NOFOLLOW_LINKS).equals(owner)
          || !Files.exists(slot.resolve("claim"), LinkOption.NOFOLLOW_LINKS)
          || !Files.exists(slot.resolve("request"), LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return serving.add(slot) ? Optional.of(slot) : Optional.empty();
  }

  /** Ends the serving of a slot taken; it is deleted once its claimant has ended. */
  void served(Path slot) {
    serving.remove(slot);
  }

  /**
   * Deletes the slots whose claimant has ended, and makes new ones until {@value #FREE} are free.
   * Not thread-safe: one thread maintains.
   *
   * @throws IOException if a slot cannot be made (no {@code mkfifo})
   */
  void maintain() throws IOException {
    int free = 0;
    try (DirectoryStream<Path> slots = Files.newDirectoryStream(directory)) {
      for (Path slot : slots) {
        String name = slot.getFileName().toString();
        if (NAME.matcher(name).matches()) {
          next = Math.max(next, Integer.parseInt(name) + 1);
        }
        if (serving.contains(slot)) {
          continue;
        }
        Optional<Claim> claim = claim(slot);
        if (claim.isEmpty()) {
          free++;
        } else if (claim.get().over()) {
          deleteTree(slot);
        }
      }
    }
    for (; free < FREE; free++) {
      make(directory.resolve(Integer.toString(next++)));
    }
  }

  /** Who claimed a slot, if anyone did. */
  private record Claim(Optional<String> pid, FileTime made) {
    /** Whether its claimant has ended, or never wrote its pid. */
    boolean over() {
      if (pid.isPresent()) {
        return !alive(pid.get());
      }
      return made.toInstant().isBefore(Instant.now().minus(UNWRITTEN_CLAIM));
    }
  }

  private static Optional<Claim> claim(Path slot) throws IOException {
    Path file = slot.resolve("claim");
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    }
    Optional<String> pid = Optional.empty();
    if (attributes.isRegularFile() && attributes.size() <= 32) {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (text.matches("[0-9]{1,18}")) {
        pid = Optional.of(text);
      }
    }
    return Optional.of(new Claim(pid, attributes.lastModifiedTime()));
  }

  /** Makes a slot: its directory, then its FIFOs, then the name scripts look for. */
  private static void make(Path slot) throws IOException {
    Path temp = slot.resolveSibling("new-" + slot.getFileName());
    deleteTree(temp);
    Files.createDirectory(temp, PosixFilePermissions.asFileAttribute(DaemonPlace.PRIVATE));
    mkfifo(temp.resolve("out"), temp.resolve("err"));
    // Scripts only look at names that start with a digit: a slot is seen whole or not at all.
    Files.move(temp, slot);
  }

  /**
   * Makes FIFOs of mode 0600 ({@code mkfifo}: the JDK has no call for it).
   *
   * @throws IOException if they cannot be made
   */
  static void mkfifo(Path... fifos) throws IOException {
    List<String> command = new ArrayList<>(List.of("mkfifo", "-m", "600"));
    for (Path fifo : fifos) {
      command.add(fifo.toString());
    }
    Process mkfifo =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
        mkfifo.destroyForcibly();
        throw new IOException("mkfifo failed: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted making " + command, e);
    }
  }

  /** Deletes the slots. */
  void close() {
    try {
      deleteTree(directory);
    } catch (IOException e) {
      // Best effort: what is left is deleted by the next daemon of this door.
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(path);
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
