package org.acai.cli.trash;

import java.util.List;
import java.util.concurrent.Callable;
import org.acai.api.lifecycle.RestoreResult;
import org.acai.cli.CliContext;
import org.acai.sdk.TrashClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code acai restore ID...}: brings trash entries back. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description =
        "Restore trash entries (ids from 'acai trash ls'): the same versions, ids and metadata.")
public final class RestoreCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "ID", arity = "1..*", description = "Trash entry ids.")
  private List<Long> ids;

  RestoreCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    TrashClient trash = context.client().trash();
    for (long id : ids) {
      RestoreResult restored = trash.restore(id);
      context
          .out()
          .printf(
              "Restored %s (%d %s item(s)) from trash entry %d%n",
              restored.target(), restored.items(), restored.kind(), id);
    }
    return 0;
  }
}
