package org.acai.cli.project;

import java.util.concurrent.Callable;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.cli.CliContext;
import org.acai.cli.UserError;
import org.acai.sdk.ProjectClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai create project NAME --admin NAME}. */
@Command(
    name = "project",
    mixinStandardHelpOptions = true,
    description = "Create a project and its administrator (needs the global admin token).")
final class CreateProjectCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(index = "0", paramLabel = "NAME", description = "Project name.")
  private String name;

  @Option(
      names = "--admin",
      required = true,
      paramLabel = "USER",
      description = "Name of the project's administrator.")
  private String admin;

  @ArgGroup(exclusive = false)
  private AdminTokenOption adminToken = new AdminTokenOption();

  @Option(
      names = "--configure",
      description = "Store the new project admin's token in the credentials file.")
  private boolean configure;

  CreateProjectCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws java.io.IOException {
    String token =
        adminToken
            .resolve(context)
            .orElseThrow(
                () ->
                    new UserError("Missing admin token: pass --admin-token or --admin-token-file"));
    CreateProjectResponse created =
        new ProjectClient(context.credentials().endpoint()).createProject(name, token, admin);
    context
        .out()
        .printf(
            "Created project %s with admin %s (user id %d)%n",
            name, admin, created.projectAdminId());
    if (configure) {
      context.credentialsFile().configure(name, created.projectAdminToken(), null);
      context.out().printf("Saved the admin's token in %s%n", context.credentialsFile().path());
    } else {
      context.out().printf("Project admin token: %s%n", created.projectAdminToken());
    }
    return 0;
  }
}
