package org.acai.cli.file;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.acai.api.storage.FileVersionInfo;
import org.acai.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code acai file versions PATH}. */
@Command(
    name = "file",
    mixinStandardHelpOptions = true,
    description = "Files: versions.",
    subcommands = FileCommand.Versions.class)
public final class FileCommand {
  /** {@code acai file versions PATH}: every version of a file. */
  @Command(
      name = "versions",
      mixinStandardHelpOptions = true,
      description = "List every version of a file.")
  static final class Versions implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "PATH")
    private String path;

    Versions(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      for (FileVersionInfo version : context.client().files().listFileVersions(path)) {
        context
            .out()
            .printf(
                "%-40s %12d %8d %s %s%n",
                version.id(),
                version.size(),
                version.creatorId(),
                Instant.ofEpochMilli(version.created()),
                version.sha256());
      }
      return 0;
    }
  }
}
