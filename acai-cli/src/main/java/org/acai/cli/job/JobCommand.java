package org.acai.cli.job;

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
      JobLineageCommand.class,
    })
public final class JobCommand {}
