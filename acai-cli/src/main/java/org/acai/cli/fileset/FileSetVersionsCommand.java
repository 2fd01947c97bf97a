package org.acai.cli.fileset;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.acai.api.storage.FileSetVersionInfo;
import org.acai.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code acai fileset versions NAME}. */
@Command(
    name = "versions",
    mixinStandardHelpOptions = true,
    description = "List every version of a file set.")
final class FileSetVersionsCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(index = "0", paramLabel = "NAME")
  private String name;

  FileSetVersionsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    for (FileSetVersionInfo version : context.client().fileSets().listFileSetVersions(name)) {
      context
          .out()
          .printf(
              "%-30s %6d files %12d bytes  creator %d  %s%n",
              version.id(),
              version.fileCount(),
              version.totalSize(),
              version.creatorId(),
              Instant.ofEpochMilli(version.created()));
    }
    return 0;
  }
}
