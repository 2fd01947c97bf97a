package org.acai.cli.file;

import java.util.List;
import java.util.concurrent.Callable;
import org.acai.api.storage.FileSetContent;
import org.acai.api.storage.FileSetVersionInfo;
import org.acai.api.storage.FileVersionInfo;
import org.acai.cli.CliContext;
import org.acai.sdk.AcaiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai ls [DIR | @ | @SET[:N]] [-l]}: a directory, the file sets, or a set's files. */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = {
      "List a remote directory (default /), the file sets (@), or a file set's files (@SET[:N]).",
      "-l adds the (latest) version, size in bytes, creator id and creation time."
    })
public final class LsCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(arity = "0..1", paramLabel = "DIR|@|@SET[:N]", description = "What to list.")
  private String target = "/";

  @Option(names = "-l", description = "Long format.")
  private boolean longFormat;

  LsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    AcaiClient client = context.client();
    if ("@".equals(target)) {
      listFileSets(client);
    } else if (target.startsWith("@")) {
      listSetMembers(client, target.substring(1));
    } else {
      listDirectory(client);
    }
    return 0;
  }

  private void listDirectory(AcaiClient client) {
    // Page by page as printed: a directory of any size never sits in memory whole.
    client
        .files()
        .streamDir(target)
        .forEach(
            entry -> {
              String name = entry.isDir() ? entry.path() + "/" : entry.path();
              if (longFormat) {
                row(entry.version(), entry.size(), entry.creatorId(), entry.created(), name);
              } else {
                context.out().println(name);
              }
            });
  }

  private void listFileSets(AcaiClient client) {
    for (String name : client.fileSets().listFileSets()) {
      if (!longFormat) {
        context.out().println("@" + name);
        continue;
      }
      List<FileSetVersionInfo> versions = client.fileSets().listFileSetVersions(name);
      FileSetVersionInfo latest = versions.get(versions.size() - 1);
      row(
          latest.version(),
          latest.totalSize(),
          latest.creatorId(),
          latest.created(),
          "@" + name + " (" + latest.fileCount() + " files)");
    }
  }

  private void listSetMembers(AcaiClient client, String vagueName) {
    FileSetContent content = client.fileSets().listFileSetContent(vagueName);
    for (String member : content.files()) {
      if (!longFormat) {
        context.out().println(member);
        continue;
      }
      String path = member.substring(0, member.lastIndexOf(':'));
      int version = Integer.parseInt(member.substring(member.lastIndexOf(':') + 1));
      FileVersionInfo info =
          client.files().listFileVersions(path).stream()
              .filter(candidate -> candidate.version() == version)
              .findFirst()
              .orElseThrow();
      row(info.version(), info.size(), info.creatorId(), info.created(), path);
    }
  }

  private void row(Integer version, Long size, Long creator, Long created, String name) {
    context
        .out()
        .printf(
            "%-6s %12s %8s %-20s %s%n",
            version == null ? "-" : "v" + version,
            Listing.orDash(size),
            Listing.orDash(creator),
            Listing.time(created),
            name);
  }
}
