package org.acai.cli.file;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import org.acai.cli.Progress;
import org.acai.sdk.transfer.TransferOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code acai get REMOTE[:N] [LOCAL]}: download one file version. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = "Download a file (the latest version unless :N is given).")
public final class GetCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(
      index = "0",
      paramLabel = "REMOTE[:N]",
      description = "Remote path, optionally with a version.")
  private String remote;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "LOCAL",
      description = "Local file or existing folder (default: current folder).")
  private Path local = Path.of(".");

  GetCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    try (Progress progress = new Progress("get", context.err())) {
      context
          .client()
          .files()
          .download(Map.of(remote, local.toString()), TransferOptions.withListener(progress));
    }
    context
        .out()
        .printf("%s -> %s%n", context.client().files().resolveVaguePath(remote).id(), local);
    return 0;
  }
}
