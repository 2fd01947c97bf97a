package org.acai.cli.file;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import org.acai.cli.transfer.ProgressDisplay;
import org.acai.sdk.FilePair;
import org.acai.sdk.transfer.TransferOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code acai get REMOTE[:N] [LOCAL]}: download one file version. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Download a file (its latest version unless :N is given).",
      "LOCAL may be a file or an existing directory (default: the current directory)."
    })
public final class GetCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(index = "0", paramLabel = "REMOTE[:N]", description = "The remote file.")
  private String remote;

  @Parameters(index = "1", arity = "0..1", paramLabel = "LOCAL", description = "Where to.")
  private String local = ".";

  GetCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<FilePair> downloaded;
    try (ProgressDisplay progress = new ProgressDisplay(context.err(), "get")) {
      downloaded =
          context
              .client()
              .files()
              .download(Map.of(remote, local), TransferOptions.withListener(progress));
    }
    for (FilePair pair : downloaded) {
      context.out().println(pair.remote() + " -> " + pair.local());
    }
    return 0;
  }
}
