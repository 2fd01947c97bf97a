package org.acai.cli.auth;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.acai.api.identity.UserInfo;
import org.acai.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code acai users}: the project's users (project admin only). */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "List the users of your project (project admin).")
public final class UsersCommand implements Callable<Integer> {
  private final CliContext context;

  UsersCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.out().printf("%-8s %-24s %-14s %-7s %s%n", "ID", "NAME", "ROLE", "TOKENS", "CREATED");
    for (UserInfo user : context.client().identity().listUsers()) {
      context
          .out()
          .printf(
              "%-8d %-24s %-14s %-7d %s%n",
              user.userId(),
              user.userName(),
              user.role().wireName(),
              user.activeTokens(),
              Instant.ofEpochMilli(user.createdAt()));
    }
    return 0;
  }
}
