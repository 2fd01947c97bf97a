package org.acai.cli.fileset;

import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code acai fileset ls}. */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = "List the project's file sets.")
final class FileSetLsCommand implements Callable<Integer> {
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
