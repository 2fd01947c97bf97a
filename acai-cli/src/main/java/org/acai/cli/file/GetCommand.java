package org.acai.cli.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import org.acai.cli.UserError;
import org.acai.cli.transfer.ProgressDisplay;
import org.acai.sdk.ExistingFiles;
import org.acai.sdk.FileClient;
import org.acai.sdk.FilePair;
import org.acai.sdk.transfer.TransferOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai get REMOTE[:N]... [LOCAL] [--force]}: download files and directory trees. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Download files (their latest version unless :N is given) and directories (the whole tree:",
      "/data/ lands in LOCAL/data/). With several remotes, the last argument is LOCAL.",
      "LOCAL (default: the current directory) must be an existing directory unless a single file",
      "is downloaded. Nothing is written if a local file exists already, unless --force."
    })
public final class GetCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(
      arity = "1..*",
      paramLabel = "REMOTE[:N]",
      description = "Remote files and directories, then LOCAL when there are several arguments.")
  private List<String> arguments;

  @Option(names = "--force", description = "Replace local files that exist.")
  private boolean force;

  GetCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<String> remotes =
        arguments.size() == 1 ? arguments : arguments.subList(0, arguments.size() - 1);
    String local = arguments.size() == 1 ? "." : arguments.get(arguments.size() - 1);
    FileClient files = context.client().files();
    Map<String, String> remoteToLocal = plan(files, remotes, context.local(local), local);
    List<FilePair> downloaded;
    try (ProgressDisplay progress = new ProgressDisplay(context.err(), "get")) {
      downloaded =
          files.download(
              remoteToLocal,
              force ? ExistingFiles.REPLACE : ExistingFiles.REFUSE,
              TransferOptions.withListener(progress));
    }
    for (FilePair pair : downloaded) {
      context.out().println(pair.remote() + " -> " + context.shown(pair.local(), List.of(local)));
    }
    return 0;
  }

  /** Each remote file to download, mapped to where it goes. */
  private static Map<String, String> plan(
      FileClient files, List<String> remotes, String local, String typed) {
    Map<String, String> remoteToLocal = new LinkedHashMap<>();
    Path into = Path.of(local);
    boolean intoDirectory = Files.isDirectory(into);
    for (String remote : remotes) {
      if (RemoteTree.isDirectory(files, remote)) {
        requireDirectory(intoDirectory, typed);
        RemoteTree.files(files, remote, into).forEach(remoteToLocal::put);
      } else {
        if (remotes.size() > 1) {
          requireDirectory(intoDirectory, typed);
        }
        remoteToLocal.put(remote, local);
      }
    }
    if (remoteToLocal.isEmpty()) {
      throw new UserError("Nothing to download: %s holds no files", String.join(", ", remotes));
    }
    return remoteToLocal;
  }

  private static void requireDirectory(boolean isDirectory, String local) {
    if (!isDirectory) {
      throw new UserError(
          "Invalid LOCAL: %s is not a directory (several files or a directory go into an existing"
              + " directory)",
          local);
    }
  }
}
