package org.acai.cli.auth;

import java.util.concurrent.Callable;
import org.acai.api.identity.Identity;
import org.acai.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code acai whoami}: the user, project and role of the configured token. */
@Command(
    name = "whoami",
    mixinStandardHelpOptions = true,
    description = "Show who the configured token belongs to.")
public final class WhoamiCommand implements Callable<Integer> {
  private final CliContext context;

  WhoamiCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Identity identity = context.client().whoami();
    context
        .out()
        .printf(
            "user %s (id %d), project %s, role %s%n",
            identity.userName(),
            identity.userId(),
            identity.projectId() == null ? "-" : identity.projectId(),
            identity.role().wireName());
    return 0;
  }
}
