package org.acai.cli.file;

import java.util.List;
import java.util.concurrent.Callable;
import org.acai.api.storage.FileVersionInfo;
import org.acai.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code acai file versions PATH}: every version of a file, oldest first. */
@Command(
    name = "versions",
    mixinStandardHelpOptions = true,
    description = {
      "List every version of a remote file, oldest first:",
      "version, size in bytes, creator id, created time, SHA-256 and explicit id."
    })
public final class FileVersionsCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "PATH", description = "The remote file.")
  private String path;

  FileVersionsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<FileVersionInfo> versions = context.client().files().listFileVersions(path);
    for (FileVersionInfo version : versions) {
      context
          .out()
          .printf(
              "v%-7s %12s %8s %-20s %s %s%n",
              version.version(),
              version.size(),
              version.creatorId(),
              Listing.time(version.created()),
              version.sha256(),
              version.id());
    }
    return 0;
  }
}
