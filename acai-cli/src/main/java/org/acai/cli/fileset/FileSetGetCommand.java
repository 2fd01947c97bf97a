package org.acai.cli.fileset;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import org.acai.cli.transfer.ProgressDisplay;
import org.acai.sdk.ExistingFiles;
import org.acai.sdk.transfer.TransferOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai fileset get NAME[:N] [--into DIR] [--force]}: download a file set. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Download a file set: each file at its remote path below DIR (which must exist).",
      "Nothing is written if a file exists already, unless --force."
    })
public final class FileSetGetCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "NAME[:N]", description = "The file set (latest version by default).")
  private String name;

  @Option(names = "--into", paramLabel = "DIR", description = "Where to (default: .).")
  private String into = ".";

  @Option(names = "--force", description = "Replace files that exist.")
  private boolean force;

  FileSetGetCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String id;
    try (ProgressDisplay progress = new ProgressDisplay(context.err(), "get " + name)) {
      id =
          context
              .client()
              .fileSets()
              .downloadFileSet(
                  name,
                  Path.of(context.local(into)),
                  force ? ExistingFiles.REPLACE : ExistingFiles.REFUSE,
                  TransferOptions.withListener(progress));
    }
    context.out().printf("downloaded %s into %s%n", id, into);
    return 0;
  }
}
