package org.acai.cli.fileset;

import java.util.List;
import java.util.concurrent.Callable;
import org.acai.api.storage.FileSetVersionInfo;
import org.acai.cli.CliContext;
import org.acai.cli.file.Listing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code acai fileset versions NAME}: every version of a file set. */
@Command(
    name = "versions",
    mixinStandardHelpOptions = true,
    description = {
      "List every version of a file set, oldest first:",
      "id, file count, total size in bytes, creator id and created time."
    })
public final class FileSetVersionsCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "NAME", description = "The file set.")
  private String name;

  FileSetVersionsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<FileSetVersionInfo> versions = context.client().fileSets().listFileSetVersions(name);
    for (FileSetVersionInfo version : versions) {
      context
          .out()
          .printf(
              "%-24s %7s %12s %8s %s%n",
              version.id(),
              version.fileCount(),
              version.totalSize(),
              version.creatorId(),
              Listing.time(version.created()));
    }
    return 0;
  }
}
