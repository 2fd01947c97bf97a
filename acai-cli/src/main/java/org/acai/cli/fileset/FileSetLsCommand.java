package org.acai.cli.fileset;

import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code acai fileset ls}: the project's file sets. */
@Command(
    name = "ls",
    aliases = "list",
    mixinStandardHelpOptions = true,
    description = "List the project's file sets (acai ls -l @ shows details).")
public final class FileSetLsCommand implements Callable<Integer> {
  private final CliContext context;

  FileSetLsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.client().fileSets().listFileSets().forEach(context.out()::println);
    return 0;
  }
}
