package org.acai.cli.fileset;

import java.util.concurrent.Callable;
import org.acai.api.lifecycle.DeleteFileSetRequest;
import org.acai.api.lifecycle.DeleteResult;
import org.acai.api.lifecycle.Pin;
import org.acai.cli.CliContext;
import org.acai.cli.Deletions;
import org.acai.sdk.TrashClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai fileset rm NAME[:N] [--yes]}. */
@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    description = {
      "Delete a file-set version (NAME:N) or every version of a set (NAME); the member files stay.",
      "Deleted sets go to the trash: 'acai trash ls', 'acai restore ID'."
    })
public final class FileSetRmCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "NAME[:N]", description = "What to delete.")
  private String name;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  private boolean yes;

  FileSetRmCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    TrashClient trash = context.client().trash();
    DeleteResult preview = trash.deleteFileSet(new DeleteFileSetRequest(name, true));
    String what = String.format("%d version(s) of file set %s", preview.items(), name);
    if (!yes) {
      Deletions.confirm(what);
    }
    DeleteResult deleted = trash.deleteFileSet(new DeleteFileSetRequest(name, false));
    context.out().printf("Deleted %s; %s%n", what, Deletions.receipt(deleted));
    for (Pin pin : deleted.pins()) {
      context
          .out()
          .printf("  %s is still used by %s%n", pin.id(), String.join(", ", pin.pinnedBy()));
    }
    return 0;
  }
}
