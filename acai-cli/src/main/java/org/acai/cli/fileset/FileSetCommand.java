package org.acai.cli.fileset;

import picocli.CommandLine.Command;

/** {@code acai fileset create|get|ls|versions}. */
@Command(
    name = "fileset",
    mixinStandardHelpOptions = true,
    description = "File sets: named, versioned lists of exact file versions.",
    subcommands = {
      FileSetCreateCommand.class,
      FileSetGetCommand.class,
      FileSetLsCommand.class,
      FileSetVersionsCommand.class
    })
public final class FileSetCommand {}
