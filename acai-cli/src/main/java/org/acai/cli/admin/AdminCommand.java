package org.acai.cli.admin;

import picocli.CommandLine.Command;

/** {@code acai admin}: server maintenance with the global admin token. */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Server maintenance (global admin token).",
    subcommands = {AdminGcCommand.class, AdminFsckCommand.class, AdminQuotaCommand.class})
public final class AdminCommand {}
