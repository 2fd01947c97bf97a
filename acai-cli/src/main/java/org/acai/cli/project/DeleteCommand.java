package org.acai.cli.project;

import picocli.CommandLine.Command;

/** {@code acai delete}: users and projects. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Remove a user or a project; their tokens stop working at once.",
    subcommands = {DeleteUserCommand.class, DeleteProjectCommand.class})
public final class DeleteCommand {}
