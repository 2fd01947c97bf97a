package org.acai.cli.daemon;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.acai.cli.daemon.DaemonProtocol.Request;

/**
 * The resident client's door for the {@code acai} shell script, which hands it a served command
 * without a JVM of its own: a FIFO {@code door-<jar path>} in the user's private daemon directory
 * (the path with {@code %} and {@code /} escaped as {@code %25} and {@code %2F}, which a shell
 * computes without a process), the daemon's pid beside it ({@code .pid}) and its request slots
 * ({@link DoorSlots}). The script claims a slot, writes its {@code request} there (the jar it
 * means, its working directory, its own pid, the argument count, the arguments, then its
 * environment; each ended by a NUL), starts the readers of the slot's FIFOs {@code out} and {@code
 * err}, and writes the slot's name and a newline into the door. The daemon reads and deletes the
 * request, writes the command's output into the FIFOs and its exit code (or {@code busy}) into
 * {@code rc}, then closes them. It answers {@code busy} to a request for another jar, or when its
 * jar changed or the sources of its checkout are newer than it ({@link CheckoutSources}): the
 * script then rebuilds as it would before a command of its own. A caller whose process ends during
 * its command ends the daemon, as one that leaves the socket does.
 */
final class DaemonDoor implements Closeable {
  private static final long MAX_REQUEST = 16L << 20;
  private static final long CALLER_POLL_MILLIS = 200;

  /** Runs one request for a caller. */
  @FunctionalInterface
  interface Handler {
    void run(DaemonCaller caller, Request request) throws IOException;
  }

  private final DaemonPlace place;
  private final Path door;
  private final Object doorKey;
  private final Path pidFile;
  private final DoorSlots slots;
  private final Optional<CheckoutSources> sources;
  private final FileChannel channel;
  private final ScheduledExecutorService upkeep =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "acai-door-slots");
            thread.setDaemon(true);
            return thread;
          });

  private DaemonDoor(
      DaemonPlace place,
      Path door,
      Object doorKey,
      Path pidFile,
      DoorSlots slots,
      FileChannel channel) {
    this.place = place;
    this.door = door;
    this.doorKey = doorKey;
    this.pidFile = pidFile;
    this.slots = slots;
    this.sources = CheckoutSources.of(place.jar());
    this.channel = channel;
  }

  /**
   * Makes the door of a place whose directory is secure; empty where it cannot (no {@code mkfifo},
   * a jar path too long to name it): the script then starts a JVM that uses the socket.
   */
  static Optional<DaemonDoor> open(DaemonPlace place, UserPrincipal owner) {
    try {
      Path door = place.door();
      Path pidFile = door.resolveSibling(door.getFileName() + ".pid");
      Files.deleteIfExists(door);
      DoorSlots.mkfifo(door);
      DoorSlots slots = DoorSlots.open(door, owner);
      // Read and write: the door never sees an end of file between two callers.
      FileChannel channel =
          FileChannel.open(
              door, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      Path temp = Files.createTempFile(place.directory(), "pid", ".tmp");
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(temp, ProcessHandle.current().pid() + "\n");
      Files.move(
          temp, pidFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return Optional.of(new DaemonDoor(place, door, fileKey(door), pidFile, slots, channel));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /** Serves callers on a thread of their own each, until {@link #close}. */
  void serve(Handler handler) {
    var unused = upkeep.scheduleWithFixedDelay(this::maintain, 1, 1, TimeUnit.SECONDS);
    Thread thread =
        new Thread(
            () -> {
              BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(
                          Channels.newInputStream(channel), StandardCharsets.US_ASCII));
              try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  Optional<Path> slot = slots.take(line);
                  if (slot.isPresent()) {
                    Thread one = new Thread(() -> handle(slot.get(), handler), "acai-door");
                    one.setDaemon(true);
                    one.start();
                  }
                }
              } catch (IOException e) {
                // Closed: the daemon ends.
              }
            },
            "acai-daemon-door");
    thread.setDaemon(true);
    thread.start();
  }

  private void handle(Path slot, Handler handler) {
    Optional<DoorRequest> request = read(slot.resolve("request"));
    try (FileChannel out = fifo(slot.resolve("out"));
        FileChannel err = fifo(slot.resolve("err"))) {
      DoorCaller caller = new DoorCaller(slot, request.map(DoorRequest::pid).orElse(0L), out, err);
      if (request.isEmpty() || !serves(request.get())) {
        // One this daemon cannot read, or should not run: answered, so that the script runs it in
        // its own JVM (rebuilding first if the sources changed).
        caller.busy();
        return;
      }
      handler.run(caller, request.get().request());
    } catch (IOException | RuntimeException e) {
      System.out.println("acai daemon: a command from the shell failed: " + e);
    } finally {
      slots.served(slot);
      upkeep.execute(this::maintain);
    }
  }

  /** Whether the request is for this jar, as it was when the daemon started, and its sources. */
  private boolean serves(DoorRequest request) throws IOException {
    Path jar = Path.of(request.jar());
    return jar.isAbsolute()
        && Files.isSameFile(jar, place.jar())
        && place.current()
        && !(sources.isPresent() && sources.get().changed());
  }

  private void maintain() {
    try {
      slots.maintain();
    } catch (IOException | RuntimeException e) {
      System.out.println("acai daemon: cannot keep the door's slots: " + e);
    }
  }

  /** The request in {@code file}, which is deleted (it holds the caller's token); empty if bad. */
  private static Optional<DoorRequest> read(Path file) {
    try (FileChannel in =
        FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      if (in.size() > MAX_REQUEST) {
        return Optional.empty();
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) in.size());
      while (buffer.hasRemaining() && in.read(buffer) >= 0) {
        // until the whole request is read
      }
      return DoorRequest.parse(buffer.array());
    } catch (IOException e) {
      return Optional.empty();
    } finally {
      deleteQuietly(file);
    }
  }

  /** Opens one of the caller's FIFOs for writing (waiting for its reader, which it started). */
  private static FileChannel fifo(Path path) throws IOException {
    if (!Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .isOther()) {
      throw new IOException(path + " is not a FIFO");
    }
    return FileChannel.open(path, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public void close() {
    upkeep.shutdownNow();
    slots.close();
    sources.ifPresent(CheckoutSources::close);
    // The door is named after the jar's path: the daemon of a rebuilt jar may have made its own in
    // its place already, which is left alone.
    try {
      if (doorKey != null && doorKey.equals(fileKey(door))) {
        deleteQuietly(door);
        deleteQuietly(pidFile);
      }
    } catch (IOException e) {
      // Gone already.
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Ends the door's thread either way.
    }
  }

  /** What identifies a file (device and inode here), not following links. */
  private static Object fileKey(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .fileKey();
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Best effort: a request file lives in a directory only this user can enter.
    }
  }

  /** A caller at the other end of the door: FIFOs for output, a file for the exit code. */
  private record DoorCaller(Path slot, long pid, FileChannel outChannel, FileChannel errChannel)
      implements DaemonCaller {
    @Override
    public OutputStream out() {
      return Channels.newOutputStream(outChannel);
    }

    @Override
    public OutputStream err() {
      return Channels.newOutputStream(errChannel);
    }

    @Override
    public void busy() throws IOException {
      Files.writeString(slot.resolve("rc"), "busy\n");
    }

    @Override
    public void exit(int code) throws IOException {
      Files.writeString(slot.resolve("rc"), code + "\n");
    }

    /** The caller's process ending is its leaving. */
    @Override
    public void watch(AtomicBoolean done) {
      Optional<ProcessHandle> caller = ProcessHandle.of(pid);
      Thread thread =
          new Thread(
              () -> {
                try {
                  while (!done.get() && caller.map(ProcessHandle::isAlive).orElse(false)) {
                    Thread.sleep(CALLER_POLL_MILLIS);
                  }
                } catch (InterruptedException e) {
                  return;
                }
                DaemonCaller.callerLeft(done);
              },
              "acai-door-watch");
      thread.setDaemon(true);
      thread.start();
    }
  }
}
