package org.acai.cli;

import java.util.List;
import org.acai.cli.admin.AdminCommand;
import org.acai.cli.agent.AgentCommand;
import org.acai.cli.auth.ConfigureCommand;
import org.acai.cli.auth.TokenCommand;
import org.acai.cli.auth.UiCommand;
import org.acai.cli.auth.UsersCommand;
import org.acai.cli.auth.WhoamiCommand;
import org.acai.cli.daemon.DaemonCommand;
import org.acai.cli.demo.DemoCommand;
import org.acai.cli.file.FileCommand;
import org.acai.cli.file.GetCommand;
import org.acai.cli.file.LsCommand;
import org.acai.cli.file.PutCommand;
import org.acai.cli.file.RmCommand;
import org.acai.cli.file.UsageCommand;
import org.acai.cli.fileset.FileSetCommand;
import org.acai.cli.job.JobCommand;
import org.acai.cli.project.CreateCommand;
import org.acai.cli.project.DeleteCommand;
import org.acai.cli.server.ServerCommand;
import org.acai.cli.trash.RestoreCommand;
import org.acai.cli.trash.TrashCommand;
import picocli.CommandLine.Command;

/** The root {@code acai} command. */
@Command(
    name = "acai",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "ACAI: versioned ML data and reproducible jobs.")
public final class AcaiCommand {
  /**
   * The subcommands, in help order. They are registered by {@link Main} rather than in the
   * annotation, so that a command line builds only the subcommand it runs: building the whole tree
   * costs picocli about a quarter of a second of reflection at every start.
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          ServerCommand.class,
          DemoCommand.class,
          CreateCommand.class,
          DeleteCommand.class,
          ConfigureCommand.class,
          WhoamiCommand.class,
          UiCommand.class,
          UsersCommand.class,
          TokenCommand.class,
          PutCommand.class,
          GetCommand.class,
          LsCommand.class,
          RmCommand.class,
          FileCommand.class,
          FileSetCommand.class,
          JobCommand.class,
          AgentCommand.class,
          TrashCommand.class,
          RestoreCommand.class,
          UsageCommand.class,
          AdminCommand.class,
          DaemonCommand.class);
}
