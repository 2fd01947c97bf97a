package org.acai.cli.project;

import java.util.concurrent.Callable;
import org.acai.api.identity.Removal;
import org.acai.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code acai delete user ID}: as the configured project admin. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = {
      "Remove a user of your project (needs the project admin's token, the configured one).",
      "Its tokens stop working at once; what it uploaded or created stays."
    })
final class DeleteUserCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(index = "0", paramLabel = "ID", description = "User id (see 'acai users').")
  private long userId;

  DeleteUserCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Removal removal = context.client().identity().deleteUser(userId);
    context
        .out()
        .printf("Deleted %s; %d token(s) revoked%n", removal.target(), removal.revokedTokens());
    return 0;
  }
}
