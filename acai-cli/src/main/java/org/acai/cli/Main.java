package org.acai.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import javax.net.ssl.SSLContext;
import org.acai.api.error.AcaiException;
import org.acai.api.json.WireJson;
import org.acai.cli.daemon.DaemonClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code acai} command. Exit codes: 0 ok, 1 user error, 2 usage error. */
public final class Main {
  /** Exit code for errors the user can act on (bad input, not found, not allowed). */
  public static final int USER_ERROR = 1;

  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    // A transfer command goes to the resident client when one runs (loading JDK classes only).
    OptionalInt served = DaemonClient.run(List.of(args), System.getenv(), System.out, System.err);
    if (served.isPresent()) {
      System.exit(served.getAsInt());
    }
    warmUp();
    int code = run(args, new CliContext(System.getenv(), System.out, System.err));
    stopHttpSelectors();
    System.exit(code);
  }

  /**
   * Lets the HTTP clients' selector threads end before the JVM exits. Each sits in a native {@code
   * epoll_wait}, and the JVM's exit waits up to 300 ms for threads in native code to come back (a
   * third of a short command's time). An interrupt ends the selector loop of Java 17's client (Java
   * 21 would close the client instead); the command's work is done by now.
   */
  private static void stopHttpSelectors() {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("HttpClient-")
          && thread.getName().endsWith("-SelectorManager")) {
        thread.interrupt();
        try {
          thread.join(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * Starts the costliest one-time initializations of a client command on another core while this
   * thread builds the command line: the wire JSON mapper and, for an https endpoint named in the
   * environment, the default TLS context (it reads the trusted certificates; about 0.2 s together).
   * A plain-http command never builds a TLS context.
   */
  private static void warmUp() {
    String endpoint = System.getenv("ACAI_ENDPOINT");
    boolean tls = endpoint != null && endpoint.startsWith("https:");
    Thread thread =
        new Thread(
            () -> {
              try {
                if (tls) {
                  SSLContext.getDefault();
                }
                WireJson.mapper().readTree(WireJson.mapper().writeValueAsBytes(Map.of("a", 1)));
              } catch (NoSuchAlgorithmException | IOException e) {
                // The command meets the same failure where it needs the thing, and reports it.
              }
            },
            "acai-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  /** Runs one command line with an explicit environment and output; returns the exit code. */
  public static int run(String[] args, CliContext context) {
    CommandLine line = commandLine(context, args);
    return line.execute(args);
  }

  /**
   * The command tree for {@code args}: the root with only the subcommand they name, or with none
   * for {@code --version}; the whole tree for help, no arguments and anything unknown (so that
   * picocli lists every command and suggests the nearest one).
   */
  static CommandLine commandLine(CliContext context, String... args) {
    CommandLine line = new CommandLine(new AcaiCommand(), new ContextFactory(context));
    String first = args.length == 0 ? "" : args[0];
    List<Class<?>> named =
        AcaiCommand.SUBCOMMANDS.stream()
            .filter(command -> command.getAnnotation(Command.class).name().equals(first))
            .toList();
    if (named.isEmpty() && !first.equals("--version") && !first.equals("-V")) {
      named = AcaiCommand.SUBCOMMANDS;
    }
    named.forEach(line::addSubcommand);
    line.setOut(
        new PrintWriter(new OutputStreamWriter(context.out(), StandardCharsets.UTF_8), true));
    line.setErr(
        new PrintWriter(new OutputStreamWriter(context.err(), StandardCharsets.UTF_8), true));
    line.setExecutionExceptionHandler(
        (exception, commandLine, parseResult) -> report(exception, context));
    return line;
  }

  private static int report(Exception exception, CliContext context) {
    PrintStream err = context.err();
    if (exception instanceof AcaiException
        || exception instanceof UserError
        || exception instanceof UncheckedIOException
        || exception instanceof IOException) {
      err.println("acai: " + exception.getMessage());
    } else {
      err.println("acai: unexpected error: " + exception);
      if ("1".equals(context.env().get("ACAI_DEBUG"))) {
        exception.printStackTrace(err);
      } else {
        err.println("acai: set ACAI_DEBUG=1 for details");
      }
    }
    return USER_ERROR;
  }
}
