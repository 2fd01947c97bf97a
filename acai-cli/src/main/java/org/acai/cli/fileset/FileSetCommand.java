package org.acai.cli.fileset;

import org.acai.cli.meta.FindCommand;
import org.acai.cli.meta.TagCommand;
import org.acai.cli.meta.UntagCommand;
import picocli.CommandLine.Command;

/** {@code acai fileset}: named, versioned sets of exact file versions. */
@Command(
    name = "fileset",
    mixinStandardHelpOptions = true,
    description = "File sets: named, versioned lists of exact file versions.",
    subcommands = {
      FileSetCreateCommand.class,
      FileSetGetCommand.class,
      FileSetLsCommand.class,
      FileSetVersionsCommand.class,
      FileSetRmCommand.class,
      TagCommand.class,
      UntagCommand.class,
      FindCommand.class,
    })
public final class FileSetCommand {}
