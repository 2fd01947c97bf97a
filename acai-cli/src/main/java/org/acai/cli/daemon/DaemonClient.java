package org.acai.cli.daemon;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.acai.cli.daemon.DaemonProtocol.Request;

/**
 * The command line's side of the resident client: hands a transfer command ({@code put}, {@code
 * get}, {@code fileset get}) with its working directory and environment to the user's daemon, which
 * runs it on a warm JVM, and relays its output and exit code. Where no daemon answers, the caller
 * runs the command itself and one is started in the background for the next command. Loads only JDK
 * classes, so that a served command costs a small JVM's start. {@code ACAI_DAEMON=off} turns it
 * off.
 */
public final class DaemonClient {
  /** The environment variable that turns the resident client off ({@code off}). */
  public static final String SWITCH = "ACAI_DAEMON";

  private DaemonClient() {}

  /** Whether the resident client runs these arguments: transfer commands only. */
  public static boolean serves(List<String> args) {
    if (args.isEmpty()) {
      return false;
    }
    String first = args.get(0);
    return first.equals("put")
        || first.equals("get")
        || (first.equals("fileset") && args.size() > 1 && args.get(1).equals("get"));
  }

  /** Whether the environment turns the resident client off. */
  public static boolean disabled(Map<String, String> env) {
    String value = env.getOrDefault(SWITCH, "");
    return value.equals("off") || value.equals("0") || value.equals("false");
  }

  /**
   * Runs {@code args} in the resident client, with output to {@code out} and {@code err}.
   *
   * @return the exit code; empty if the caller must run the command itself (not a served command,
   *     turned off, no daemon yet, or the daemon busy with another command)
   */
  public static OptionalInt run(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (!serves(args) || disabled(env)) {
      return OptionalInt.empty();
    }
    Optional<DaemonPlace> place = DaemonPlace.of(env);
    if (place.isEmpty()) {
      return OptionalInt.empty();
    }
    String cwd = Path.of("").toAbsolutePath().toString();
    Optional<SocketChannel> channel = connect(place.get());
    if (channel.isEmpty()) {
      start(place.get());
      return OptionalInt.empty();
    }
    try (SocketChannel open = channel.get()) {
      return exchange(open, new Request(DaemonProtocol.RUN, cwd, env, args), out, err);
    } catch (IOException e) {
      err.println("acai: the resident client broke off: " + e.getMessage());
      return OptionalInt.of(1);
    }
  }

  /**
   * Connects to the place's daemon, if one listens in a directory private to this user and runs as
   * this user: a command hands it its token, so nobody else may be at the other end.
   */
  static Optional<SocketChannel> connect(DaemonPlace place) {
    if (!Files.exists(place.socket(), LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    SocketChannel channel = null;
    try {
      UserPrincipal me = place.checkPrivate();
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(place.socket()));
      if (!DaemonServer.peerIs(channel, me)) {
        throw new IOException("the daemon runs as another user");
      }
      return Optional.of(channel);
    } catch (IOException e) {
      closeQuietly(channel);
      return Optional.empty();
    }
  }

  /**
   * Sends one request and relays the answer.
   *
   * @return the exit code, or empty if the daemon is busy
   * @throws IOException if the connection fails
   */
  static OptionalInt exchange(
      SocketChannel channel, Request request, PrintStream out, PrintStream err) throws IOException {
    DaemonProtocol.writeRequest(new DataOutputStream(Channels.newOutputStream(channel)), request);
    DataInputStream in =
        new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 65536));
    boolean answered = false;
    try {
      while (true) {
        byte type = in.readByte();
        if (type == DaemonProtocol.BUSY && !answered) {
          return OptionalInt.empty();
        }
        if (type == DaemonProtocol.EXIT) {
          out.flush();
          err.flush();
          return OptionalInt.of(in.readInt());
        }
        answered = true;
        byte[] chunk = DaemonProtocol.readChunk(in);
        PrintStream target = type == DaemonProtocol.OUT ? out : err;
        target.write(chunk, 0, chunk.length);
        if (type == DaemonProtocol.ERR) {
          err.flush();
        }
      }
    } catch (EOFException e) {
      out.flush();
      err.println(
          "acai: the resident client stopped before the command ended; run it again"
              + " (ACAI_DAEMON=off runs commands without it)");
      return OptionalInt.of(1);
    }
  }

  /**
   * Starts the daemon of this place in the background, in its own session (so that the terminal's
   * Ctrl-C and hang-up do not reach it), with its output in its log. Best effort: a command that
   * cannot start one simply runs without.
   */
  static void start(DaemonPlace place) {
    try {
      place.secure();
      List<String> argv = new ArrayList<>();
      if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
        argv.add("/usr/bin/setsid");
      }
      argv.add(
          ProcessHandle.current()
              .info()
              .command()
              .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      argv.addAll(DaemonServer.JVM_OPTIONS);
      argv.addAll(List.of("-cp", place.jar().toString(), "org.acai.cli.Main", "daemon", "serve"));
      ProcessBuilder builder = new ProcessBuilder(argv);
      // The daemon takes each command's credentials from that command, never from its own start.
      builder.environment().remove("ACAI_TOKEN");
      builder.environment().remove("ACAI_PROJECT");
      builder.directory(place.directory().toFile());
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(place.log().toFile()));
      builder.redirectErrorStream(true);
      builder.start();
    } catch (IOException | RuntimeException e) {
      // No resident client this time; the command runs in-process all the same.
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Closing a socket that never connected.
      }
    }
  }
}
