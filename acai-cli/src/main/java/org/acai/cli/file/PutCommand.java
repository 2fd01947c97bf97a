package org.acai.cli.file;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import org.acai.cli.Progress;
import org.acai.cli.UserError;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilePair;
import org.acai.sdk.FilesList;
import org.acai.sdk.UploadFileMapping;
import org.acai.sdk.transfer.TransferOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code acai put LOCAL... REMOTE[/] [--fileset NAME]}: upload files and folders as new versions.
 */
@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    description = {
      "Upload files and folders; every upload makes a new version of its remote path.",
      "REMOTE ending with / is a directory: files go under it by name, folders by their layout."
    })
public final class PutCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(
      arity = "2..*",
      paramLabel = "LOCAL... REMOTE",
      description = "Local files or folders, then the remote path.")
  private List<String> arguments;

  @Option(
      names = "--fileset",
      paramLabel = "NAME",
      description = "Also make a file set of exactly the uploaded versions.")
  private String fileSet;

  PutCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<String> locals = new ArrayList<>(arguments.subList(0, arguments.size() - 1));
    String remote = arguments.get(arguments.size() - 1);
    AcaiClient client = context.client();
    UploadFileMapping mapping = client.files().convertToFileMapping(locals, remote);
    mapping
        .filesIgnored()
        .forEach(path -> context.err().println("acai: skipped unreadable " + path));
    if (mapping.filesToUpload().isEmpty()) {
      throw new UserError("Nothing to upload");
    }
    FilesList uploaded;
    try (Progress progress = new Progress("put", context.err())) {
      uploaded =
          client
              .files()
              .upload(mapping.filesToUpload(), null, TransferOptions.withListener(progress));
    }
    for (FilePair pair : uploaded) {
      context.out().printf("%s -> %s%n", pair.local(), pair.remote());
    }
    if (fileSet != null) {
      context.out().printf("file set %s%n", uploaded.asNewFileSet(fileSet).id());
    }
    return 0;
  }
}
