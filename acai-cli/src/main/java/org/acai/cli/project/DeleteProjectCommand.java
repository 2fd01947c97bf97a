package org.acai.cli.project;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.acai.api.identity.Removal;
import org.acai.cli.CliContext;
import org.acai.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai delete project NAME --yes}: global admin only. */
@Command(
    name = "project",
    mixinStandardHelpOptions = true,
    description = {
      "Remove a project (global admin token): every token of its users stops working at once,",
      "its files are forgotten and their bytes freed by the next GC. Refused while jobs run."
    })
final class DeleteProjectCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin private AdminTokenOption admin;

  @Parameters(index = "0", paramLabel = "NAME", description = "The project's name.")
  private String project;

  @Option(names = "--yes", description = "Do it: a project cannot be restored.")
  private boolean yes;

  DeleteProjectCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    if (!yes) {
      throw new UserError(
          "Cannot delete project %s without confirmation: add --yes (no restore)", project);
    }
    Removal removal = admin.connect(context).admin().deleteProject(project);
    context
        .out()
        .printf(
            "Deleted %s: %d token(s) revoked, %d file version(s) forgotten%n",
            removal.target(), removal.revokedTokens(), removal.forgottenVersions());
    return 0;
  }
}
