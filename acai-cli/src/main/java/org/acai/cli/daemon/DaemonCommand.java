package org.acai.cli.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import org.acai.cli.Main;
import org.acai.cli.UserError;
import org.acai.cli.daemon.DaemonProtocol.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code acai daemon status|stop|serve}: the resident client of transfer commands. */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "The resident client: put, get and fileset get run on a warm JVM that the first of them",
      "starts in the background (it ends after 15 idle minutes; ACAI_DAEMON=off turns it off).",
      "status: whether it runs; stop: end it; serve: run it in the foreground."
    })
public final class DaemonCommand implements Callable<Integer> {
  /** Exit code of {@code status} when no daemon runs. */
  static final int NOT_RUNNING = 3;

  private final CliContext context;

  @Parameters(paramLabel = "ACTION", description = "status, stop or serve.")
  private String action;

  DaemonCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    DaemonPlace place =
        DaemonPlace.of(context.env())
            .orElseThrow(
                () -> new UserError("No resident client here: acai does not run from its jar"));
    return switch (action) {
      case "serve" -> {
        context
            .out()
            .println("acai daemon: ending: " + DaemonServer.serve(context.env(), Main::run));
        yield 0;
      }
      case "status" -> status(place);
      case "stop" -> stop(place);
      default -> throw new UserError("Unknown action %s: use status, stop or serve", action);
    };
  }

  private int status(DaemonPlace place) throws IOException {
    OptionalInt code = ask(place, DaemonProtocol.STATUS, context.out());
    if (code.isEmpty()) {
      context.out().println("acai daemon: not running (socket " + place.socket() + ")");
      return NOT_RUNNING;
    }
    return code.getAsInt();
  }

  private int stop(DaemonPlace place) throws IOException {
    if (ask(place, DaemonProtocol.STOP, context.out()).isEmpty()) {
      context.out().println("acai daemon: not running");
      return 0;
    }
    for (int i = 0; i < 100 && Files.exists(place.socket()); i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    context.out().println("acai daemon: stopped");
    return 0;
  }

  private OptionalInt ask(DaemonPlace place, byte kind, PrintStream out) throws IOException {
    Optional<SocketChannel> channel = DaemonClient.connect(place);
    if (channel.isEmpty()) {
      return OptionalInt.empty();
    }
    try (SocketChannel open = channel.get()) {
      return DaemonClient.exchange(
          open, new Request(kind, "/", context.env(), List.of()), out, context.err());
    }
  }
}
