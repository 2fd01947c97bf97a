package org.acai.cli.auth;

import java.util.concurrent.Callable;
import org.acai.api.identity.CreateUserResponse;
import org.acai.cli.CliContext;
import org.acai.sdk.IdentityClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai token rotate|revoke [--user ID]}. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Rotate or revoke tokens.")
public final class TokenCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(index = "0", paramLabel = "ACTION", description = "rotate or revoke")
  private Action action;

  @Option(
      names = "--user",
      paramLabel = "ID",
      description = "Another user of your project (project admin only).")
  private Long user;

  /** What to do with the token. */
  enum Action {
    rotate,
    revoke
  }

  TokenCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    IdentityClient identity = context.client().identity();
    if (action == Action.revoke) {
      context.out().printf("Revoked %d token(s)%n", identity.revokeTokens(user));
      return 0;
    }
    CreateUserResponse rotated = user == null ? identity.rotateToken() : identity.rotateToken(user);
    context
        .out()
        .printf(
            "New token for user %s (id %d): %s%n",
            rotated.userName(), rotated.userId(), rotated.userToken());
    return 0;
  }
}
