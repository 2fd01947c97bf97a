package org.acai.cli.file;

import org.acai.cli.meta.FindCommand;
import org.acai.cli.meta.TagCommand;
import org.acai.cli.meta.UntagCommand;
import picocli.CommandLine.Command;

/** {@code acai file}: versions and metadata of remote files. */
@Command(
    name = "file",
    mixinStandardHelpOptions = true,
    description = "Files: versions and metadata.",
    subcommands = {
      FileVersionsCommand.class,
      TagCommand.class,
      UntagCommand.class,
      FindCommand.class,
    })
public final class FileCommand {}
