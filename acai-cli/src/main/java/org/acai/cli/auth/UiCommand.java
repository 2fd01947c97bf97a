package org.acai.cli.auth;

import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import org.acai.sdk.auth.AcaiCredentials;
import picocli.CommandLine.Command;

/** {@code acai ui}: prints a one-time login link to the web dashboard. */
@Command(
    name = "ui",
    mixinStandardHelpOptions = true,
    description =
        "Print a one-time link that signs you in to the web dashboard (single use, 2 minutes).")
public final class UiCommand implements Callable<Integer> {
  private final CliContext context;

  UiCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    AcaiCredentials credentials = context.credentials().resolve();
    context.out().println(LoginLink.create(credentials.endpoint(), credentials.token()));
    context.err().println("Open it in a browser within 2 minutes; it works once.");
    return 0;
  }
}
