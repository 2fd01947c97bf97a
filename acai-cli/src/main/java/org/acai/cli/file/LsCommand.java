package org.acai.cli.file;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.acai.api.storage.DirectoryEntry;
import org.acai.api.storage.FileSetContent;
import org.acai.cli.CliContext;
import org.acai.sdk.AcaiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai ls [DIR | @ | @SET[:N]] [-l]}. */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = "List a remote directory, the file sets (@), or a file set's files (@SET[:N]).")
public final class LsCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(
      arity = "0..1",
      paramLabel = "DIR|@|@SET[:N]",
      description = "What to list (default: /).")
  private String target = "/";

  @Option(names = "-l", description = "Long format: version, size, creator id, created time.")
  private boolean longFormat;

  LsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    AcaiClient client = context.client();
    if ("@".equals(target)) {
      client.fileSets().listFileSets().forEach(name -> context.out().println("@" + name));
    } else if (target.startsWith("@")) {
      FileSetContent content = client.fileSets().listFileSetContent(target.substring(1));
      content.files().forEach(context.out()::println);
    } else {
      for (DirectoryEntry entry : client.files().listDir(target)) {
        context
            .out()
            .println(longFormat ? longLine(entry) : entry.path() + (entry.isDir() ? "/" : ""));
      }
    }
    return 0;
  }

  private static String longLine(DirectoryEntry entry) {
    if (entry.isDir()) {
      return String.format("%-5s %12s %8s %-24s %s/", "dir", "-", "-", "-", entry.path());
    }
    return String.format(
        "v%-4d %12d %8d %-24s %s",
        entry.version(),
        entry.size(),
        entry.creatorId(),
        Instant.ofEpochMilli(entry.created()),
        entry.path());
  }
}
