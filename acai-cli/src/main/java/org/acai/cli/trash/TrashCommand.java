package org.acai.cli.trash;

import picocli.CommandLine.Command;

/** {@code acai trash}: deletes waiting for the end of the retention period. */
@Command(
    name = "trash",
    mixinStandardHelpOptions = true,
    description = "The trash: deletes that 'acai restore' can still bring back.",
    subcommands = {TrashLsCommand.class})
public final class TrashCommand {}
