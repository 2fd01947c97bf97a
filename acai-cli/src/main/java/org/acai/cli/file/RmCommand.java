package org.acai.cli.file;

import java.util.concurrent.Callable;
import org.acai.api.lifecycle.DeleteFileRequest;
import org.acai.api.lifecycle.DeleteResult;
import org.acai.api.lifecycle.Pin;
import org.acai.cli.CliContext;
import org.acai.cli.Deletions;
import org.acai.sdk.TrashClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai rm PATH[:N] [-r] [--yes]}. */
@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    description = {
      "Delete a file version (PATH:N), every version of a path (PATH), or a directory (-r).",
      "Deleted files go to the trash for the server's retention period: 'acai trash ls',"
          + " 'acai restore ID'. Versions a file set or job uses stay readable through them."
    })
public final class RmCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "PATH[:N]", description = "What to delete.")
  private String path;

  @Option(
      names = {"-r", "--recursive"},
      description = "Delete a directory and everything below it.")
  private boolean recursive;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  private boolean yes;

  RmCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    TrashClient trash = context.client().trash();
    DeleteResult preview = trash.deleteFile(new DeleteFileRequest(path, recursive, true));
    String what =
        String.format(
            "%d file version(s) on %d path(s) under %s", preview.items(), preview.paths(), path);
    if (!yes) {
      Deletions.confirm(what);
    }
    DeleteResult deleted = trash.deleteFile(new DeleteFileRequest(path, recursive, false));
    context
        .out()
        .printf(
            "Deleted %d file version(s) on %d path(s); %s%n",
            deleted.items(), deleted.paths(), Deletions.receipt(deleted));
    for (Pin pin : deleted.pins()) {
      context
          .out()
          .printf("  %s stays readable through %s%n", pin.id(), String.join(", ", pin.pinnedBy()));
    }
    return 0;
  }
}
