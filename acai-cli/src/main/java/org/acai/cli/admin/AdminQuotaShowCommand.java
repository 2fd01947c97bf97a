package org.acai.cli.admin;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import org.acai.cli.project.AdminTokenOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code acai admin quota show PROJECT}. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a project's quota and what it uses now.")
public final class AdminQuotaShowCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin private AdminTokenOption admin;

  @Parameters(index = "0", paramLabel = "PROJECT", description = "The project's name.")
  private String project;

  AdminQuotaShowCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    context
        .out()
        .println(AdminQuotaCommand.describe(admin.connect(context).admin().quota(project)));
    return 0;
  }
}
