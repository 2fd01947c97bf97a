package org.acai.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.acai.api.error.AcaiException;
import picocli.CommandLine;

/** Entry point of the {@code acai} command. Exit codes: 0 ok, 1 user error, 2 usage error. */
public final class Main {
  /** Exit code for errors the user can act on (bad input, not found, not allowed). */
  public static final int USER_ERROR = 1;

  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, new CliContext(System.getenv(), System.out, System.err)));
  }

  /** Runs one command line with an explicit environment and output; returns the exit code. */
  public static int run(String[] args, CliContext context) {
    CommandLine line = commandLine(context);
    return line.execute(args);
  }

  static CommandLine commandLine(CliContext context) {
    CommandLine line = new CommandLine(new AcaiCommand(), new ContextFactory(context));
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
