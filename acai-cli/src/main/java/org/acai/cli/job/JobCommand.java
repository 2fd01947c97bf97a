package org.acai.cli.job;

import org.acai.cli.meta.FindCommand;
import org.acai.cli.meta.TagCommand;
import org.acai.cli.meta.UntagCommand;
import picocli.CommandLine.Command;

/** {@code acai job}: run jobs and look at them. */
@Command(
    name = "job",
    mixinStandardHelpOptions = true,
    description = "Run jobs, follow them, read their logs and lineage.",
    subcommands = {
      JobRunCommand.class,
      JobListCommand.class,
      JobStatusCommand.class,
      JobWaitCommand.class,
      JobLogsCommand.class,
      JobKillCommand.class,
      JobRmCommand.class,
      JobLineageCommand.class,
      TagCommand.class,
      UntagCommand.class,
      FindCommand.class,
    })
public final class JobCommand {}
