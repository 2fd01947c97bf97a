package org.acai.cli.fileset;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import org.acai.cli.Progress;
import org.acai.sdk.ExistingFiles;
import org.acai.sdk.transfer.TransferOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai fileset get NAME[:N] [--into DIR] [--force]}. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description =
        "Download a file set under DIR, each file at its remote path; nothing is written if a target exists (unless --force).")
final class FileSetGetCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(index = "0", paramLabel = "NAME[:N]")
  private String name;

  @Option(
      names = "--into",
      paramLabel = "DIR",
      description = "Existing folder to download into (default: current folder).")
  private Path into = Path.of(".");

  @Option(names = "--force", description = "Replace existing files.")
  private boolean force;

  FileSetGetCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String id;
    try (Progress progress = new Progress("get", context.err())) {
      id =
          context
              .client()
              .fileSets()
              .downloadFileSet(
                  name,
                  into,
                  force ? ExistingFiles.REPLACE : ExistingFiles.REFUSE,
                  TransferOptions.withListener(progress));
    }
    context.out().printf("%s -> %s%n", id, into);
    return 0;
  }
}
