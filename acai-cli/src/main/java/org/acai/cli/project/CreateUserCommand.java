package org.acai.cli.project;

import java.util.concurrent.Callable;
import org.acai.api.identity.CreateUserResponse;
import org.acai.cli.CliContext;
import org.acai.sdk.ProjectClient;
import org.acai.sdk.auth.AcaiCredentials;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai create user NAME}: by default as the configured project admin, in its project. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Create a user (needs the project admin's token, the configured one by default).")
final class CreateUserCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(index = "0", paramLabel = "NAME", description = "User name.")
  private String name;

  @Option(
      names = "--project",
      description = "Project (default: the configured credentials' project).")
  private String project;

  @ArgGroup(exclusive = false)
  private AdminTokenOption adminToken = new AdminTokenOption();

  @Option(
      names = "--configure",
      description = "Store the new user's token in the credentials file.")
  private boolean configure;

  CreateUserCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws java.io.IOException {
    String token = adminToken.resolve(context).orElse(null);
    String projectName = project;
    if (token == null || projectName == null) {
      AcaiCredentials configured = context.credentials().resolve();
      token = token == null ? configured.token() : token;
      projectName =
          projectName != null
              ? projectName
              : configured.project() != null
                  ? configured.project()
                  : context.client().whoami().projectId();
    }
    CreateUserResponse created =
        new ProjectClient(context.credentials().endpoint()).createUser(projectName, token, name);
    context
        .out()
        .printf("Created user %s (id %d) in project %s%n", name, created.userId(), projectName);
    if (configure) {
      context.credentialsFile().configure(projectName, created.userToken(), null);
      context.out().printf("Saved the user's token in %s%n", context.credentialsFile().path());
    } else {
      context.out().printf("User token: %s%n", created.userToken());
    }
    return 0;
  }
}
