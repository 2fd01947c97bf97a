package org.acai.cli.admin;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.acai.api.lifecycle.SetQuotaRequest;
import org.acai.cli.CliContext;
import org.acai.cli.project.AdminTokenOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai admin quota set PROJECT [--bytes N] [--files N] [--running-jobs N]}. */
@Command(
    name = "set",
    mixinStandardHelpOptions = true,
    description = {
      "Replace a project's quota; a limit left out is no limit. Uploads and job submissions",
      "past a limit are refused before any byte is stored. Versions in the trash do not count."
    })
public final class AdminQuotaSetCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin private AdminTokenOption admin;

  @Parameters(index = "0", paramLabel = "PROJECT", description = "The project's name.")
  private String project;

  @Option(names = "--bytes", paramLabel = "N", description = "Most bytes of visible versions.")
  private Long bytes;

  @Option(names = "--files", paramLabel = "N", description = "Most visible file versions.")
  private Long files;

  @Option(
      names = "--running-jobs",
      paramLabel = "N",
      description = "Most jobs queued or running at once.")
  private Long runningJobs;

  AdminQuotaSetCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    var quota =
        admin
            .connect(context)
            .admin()
            .setQuota(new SetQuotaRequest(project, bytes, files, runningJobs));
    context.out().println(AdminQuotaCommand.describe(quota));
    return 0;
  }
}
