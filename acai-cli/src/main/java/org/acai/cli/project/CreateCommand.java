package org.acai.cli.project;

import picocli.CommandLine.Command;

/** {@code acai create}: projects and users. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create a project or a user.",
    subcommands = {CreateProjectCommand.class, CreateUserCommand.class})
public final class CreateCommand {}
