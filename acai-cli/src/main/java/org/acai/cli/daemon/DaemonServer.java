package org.acai.cli.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.acai.cli.CliContext;
import org.acai.cli.daemon.DaemonProtocol.Request;

/**
 * The resident client: a warm JVM that runs the user's transfer commands one at a time, each in the
 * working directory and with the environment it was typed with. It listens on a socket in the
 * user's private daemon directory and answers only processes of the same user. It ends when idle
 * for {@code ACAI_DAEMON_IDLE_SECONDS} (default 15 minutes), when its jar changes, on {@code acai
 * daemon stop}, and at once when a caller leaves during its command (Ctrl-C): ending the process
 * breaks off the command's transfers exactly as ending the command line's own JVM would.
 */
public final class DaemonServer {
  /**
   * The daemon's JVM: a small heap kept by the serial collector; the full JIT, as it stays. The old
   * generation starts small and grows only as far as commands need (it shrinks only at a later full
   * collection: after a 100k-file put and its download the idle daemon held 317 MiB): with the
   * default initial heap (1/64 of RAM, the whole 384 MiB on a 24 GiB machine) all of it was
   * touched, and a 100k-file put peaked at 503-545 MiB in the transfer bench. The young generation
   * starts at 31 MiB, nearly all of the 32 MiB initial heap, and may grow to 64 MiB with the old
   * one: sized from the initial heap by the default ratio it was 10 MiB, promoted most of a
   * command's short-lived objects, and a 10k file-set download could meet hundreds of back-to-back
   * full collections (529 in one 24.8 s download; 0.8-2.7 s with these sizes, 1.1-2.1 s with the
   * old fixed heap; the storms that remained came from the batch download's read-ahead, fixed in
   * the SDK's {@code BlockingExchange}). Measured: three 3k-file puts peak at 118 MiB, a 100k-file
   * put and its download at 241 MiB. (These are the sizes {@code -Xmn64m} gave until now: the JVM
   * capped that young generation at the initial heap and warned so in the daemon's log at every
   * start.)
   */
  static final List<String> JVM_OPTIONS =
      List.of(
          "-XX:+UseSerialGC",
          "-Xms32m",
          "-XX:NewSize=31m",
          "-XX:MaxNewSize=64m",
          "-Xmx384m",
          "-Xss1m",
          "-XX:+ExitOnOutOfMemoryError");

  private static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);

  /** Runs one command line in a context; returns its exit code. */
  @FunctionalInterface
  public interface Runner {
    int run(String[] args, CliContext context);
  }

  private final DaemonPlace place;
  private final Runner runner;
  private final Duration idle;
  private final Semaphore running = new Semaphore(1);
  private final AtomicLong served = new AtomicLong();
  private final Instant started = Instant.now();
  private volatile long lastActive = System.nanoTime();
  private ServerSocketChannel server;
  private Optional<DaemonDoor> door = Optional.empty();

  private DaemonServer(DaemonPlace place, Runner runner, Duration idle) {
    this.place = place;
    this.runner = runner;
    this.idle = idle;
  }

  /**
   * Serves this jar's commands for the environment's user until it ends; returns at once if the
   * daemon of this place runs already.
   *
   * @return a message saying why it ended
   * @throws IOException if it cannot listen
   */
  public static String serve(Map<String, String> env, Runner runner) throws IOException {
    DaemonPlace place =
        DaemonPlace.of(env)
            .orElseThrow(() -> new IOException("no resident client here (not run from a jar?)"));
    place.secure();
    Duration idle = DEFAULT_IDLE;
    String seconds = env.get("ACAI_DAEMON_IDLE_SECONDS");
    if (seconds != null && seconds.matches("[0-9]{1,6}")) {
      idle = Duration.ofSeconds(Long.parseLong(seconds));
    }
    try (FileChannel lockFile =
            FileChannel.open(
                place.lock(),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        FileLock lock = lockFile.tryLock()) {
      if (lock == null) {
        return "another daemon serves " + place.socket();
      }
      String reason = new DaemonServer(place, runner, idle).listen();
      if (!place.current()) {
        // Named after a jar that is gone: nothing will look for these again.
        Files.deleteIfExists(place.log());
        Files.deleteIfExists(place.lock());
      }
      return reason;
    }
  }

  private String listen() throws IOException {
    Files.deleteIfExists(place.socket());
    ScheduledExecutorService clock =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "acai-daemon-clock");
              thread.setDaemon(true);
              return thread;
            });
    String[] reason = {"stopped"};
    try (ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server = listening;
      listening.bind(UnixDomainSocketAddress.of(place.socket()));
      Files.setPosixFilePermissions(place.socket(), PosixFilePermissions.fromString("rw-------"));
      System.out.printf(
          "acai daemon: pid %d serving %s%n", ProcessHandle.current().pid(), place.socket());
      var unused =
          clock.scheduleWithFixedDelay(
              () -> {
                String why = reasonToEnd();
                if (why != null) {
                  reason[0] = why;
                  closeServer();
                }
              },
              1,
              1,
              TimeUnit.SECONDS);
      UserPrincipal owner = Files.getOwner(place.directory(), LinkOption.NOFOLLOW_LINKS);
      door = DaemonDoor.open(place, owner);
      door.ifPresent(open -> open.serve(this::run));
      while (true) {
        SocketChannel channel;
        try {
          channel = listening.accept();
        } catch (ClosedChannelException e) {
          break;
        }
        Thread thread = new Thread(() -> handle(channel, owner), "acai-daemon-command");
        thread.start();
      }
    } finally {
      clock.shutdownNow();
      door.ifPresent(DaemonDoor::close);
      Files.deleteIfExists(place.socket());
    }
    // Let a command still running finish before the JVM ends.
    running.acquireUninterruptibly();
    return reason[0];
  }

  /** Why the daemon should end now, or null. */
  private String reasonToEnd() {
    if (!place.current()) {
      return "its jar changed";
    }
    if (!Files.exists(place.socket())) {
      return "its socket is gone";
    }
    boolean quiet = running.availablePermits() > 0;
    if (quiet && System.nanoTime() - lastActive > idle.toNanos()) {
      return "idle for " + idle.toSeconds() + " s";
    }
    return null;
  }

  private void closeServer() {
    try {
      server.close();
    } catch (IOException e) {
      // Closing ends the accept loop either way.
    }
  }

  private void handle(SocketChannel channel, UserPrincipal owner) {
    try (channel) {
      if (!peerIs(channel, owner)) {
        return;
      }
      Request request =
          DaemonProtocol.readRequest(
              new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel))));
      Object lock = new Object();
      FrameOutput out = new FrameOutput(channel, DaemonProtocol.OUT, lock);
      FrameOutput err = new FrameOutput(channel, DaemonProtocol.ERR, lock);
      switch (request.kind()) {
        case DaemonProtocol.STATUS -> {
          out.write(status().getBytes(StandardCharsets.UTF_8));
          out.exit(0);
        }
        case DaemonProtocol.STOP -> {
          out.exit(0);
          closeServer();
        }
        case DaemonProtocol.RUN -> run(new SocketCaller(channel, out, err), request);
        default -> err.exit(2);
      }
    } catch (IOException | RuntimeException e) {
      System.out.println("acai daemon: a command's connection failed: " + e);
    }
  }

  /**
   * Whether the process at the other end of a connected socket runs as {@code user}. Where the
   * system does not tell, the private directory holding the socket is the only guard.
   */
  static boolean peerIs(SocketChannel channel, UserPrincipal user) throws IOException {
    try {
      UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
      return peer.user().equals(user);
    } catch (UnsupportedOperationException e) {
      return true;
    }
  }

  private String status() {
    return String.format(
        "acai daemon: pid %d, up since %s, %d commands served, socket %s%n",
        ProcessHandle.current().pid(), started, served.get(), place.socket());
  }

  /** Runs a served command for a caller, or tells it the daemon is busy. */
  void run(DaemonCaller caller, Request request) throws IOException {
    if (!running.tryAcquire()) {
      caller.busy();
      return;
    }
    try {
      lastActive = System.nanoTime();
      PrintStream errors = new PrintStream(caller.err(), true, StandardCharsets.UTF_8);
      Path cwd = Path.of(request.cwd());
      if (!DaemonClient.serves(request.args())) {
        errors.println("acai: the resident client runs put, get and fileset get only");
        caller.exit(2);
        return;
      }
      if (!cwd.isAbsolute() || !Files.isDirectory(cwd)) {
        errors.println("acai: no such working directory: " + cwd);
        caller.exit(1);
        return;
      }
      AtomicBoolean done = new AtomicBoolean();
      caller.watch(done);
      PrintStream output =
          new PrintStream(
              new BufferedOutputStream(caller.out(), 65536), false, StandardCharsets.UTF_8);
      int code =
          runner.run(
              request.args().toArray(String[]::new),
              new CliContext(request.env(), output, errors, cwd));
      output.flush();
      errors.flush();
      done.set(true);
      caller.exit(code);
      served.incrementAndGet();
    } finally {
      lastActive = System.nanoTime();
      running.release();
    }
  }

  /** A caller at the other end of the socket: frames for output and exit code. */
  private record SocketCaller(SocketChannel channel, FrameOutput out, FrameOutput err)
      implements DaemonCaller {
    @Override
    public void busy() throws IOException {
      FrameOutput.signal(channel, DaemonProtocol.BUSY);
    }

    @Override
    public void exit(int code) throws IOException {
      out.exit(code);
    }

    /** The caller's end of the socket closing (with nothing more to send) is its leaving. */
    @Override
    public void watch(AtomicBoolean done) {
      Thread thread =
          new Thread(
              () -> {
                ByteBuffer one = ByteBuffer.allocate(1);
                try {
                  while (channel.read(one) >= 0) {
                    one.clear();
                  }
                } catch (IOException e) {
                  // The caller left, or the command ended and closed the connection.
                }
                DaemonCaller.callerLeft(done);
              },
              "acai-daemon-watch");
      thread.setDaemon(true);
      thread.start();
    }
  }
}
