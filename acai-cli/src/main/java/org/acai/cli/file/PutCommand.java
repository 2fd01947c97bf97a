package org.acai.cli.file;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.acai.api.storage.FileSetContent;
import org.acai.cli.CliContext;
import org.acai.cli.UserError;
import org.acai.cli.transfer.ProgressDisplay;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilePair;
import org.acai.sdk.FilesList;
import org.acai.sdk.UploadFileMapping;
import org.acai.sdk.transfer.TransferOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai put LOCAL... REMOTE[/]}: upload files and directories as new versions. */
@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    customSynopsis = "acai put [-hV] [--fileset=NAME] LOCAL... REMOTE[/]",
    description = {
      "Upload files and directories; each upload of a path makes its next version.",
      "A REMOTE ending with / is a directory: files go in by name, a directory's contents"
          + " keep their layout below it. Without /, REMOTE names the one file uploaded."
    })
public final class PutCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(
      arity = "2..*",
      paramLabel = "PATH",
      description = "Local files and directories, then the remote path.")
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
    List<String> typed = arguments.subList(0, arguments.size() - 1);
    List<String> locals = typed.stream().map(context::local).toList();
    String remote = arguments.get(arguments.size() - 1);
    for (String local : typed) {
      if (!Files.exists(Path.of(context.local(local)), LinkOption.NOFOLLOW_LINKS)) {
        throw new UserError("Nothing to upload: no such file or directory: %s", local);
      }
    }
    AcaiClient client = context.client();
    List<String> ignored = new ArrayList<>();
    UploadFileMapping mapping = client.files().convertToFileMapping(locals, remote, ignored);
    ignored.forEach(
        path ->
            context
                .err()
                .println("acai: skipped (not a readable file): " + context.shown(path, typed)));
    if (mapping.filesToUpload().isEmpty()) {
      throw new UserError("Nothing to upload: no readable files in %s", String.join(" ", typed));
    }
    FilesList uploaded;
    try (ProgressDisplay progress = new ProgressDisplay(context.err(), "put")) {
      TransferOptions options = TransferOptions.withListener(progress);
      // With a set to make, the batches stage its members as they commit.
      uploaded =
          fileSet == null
              ? client.files().upload(mapping.filesToUpload(), null, options)
              : client.files().uploadForFileSet(mapping.filesToUpload(), options);
    }
    for (FilePair pair : uploaded) {
      context.out().println(context.shown(pair.local(), typed) + " -> " + pair.remote());
    }
    if (fileSet != null) {
      FileSetContent set = uploaded.asNewFileSet(fileSet);
      context.out().printf("file set %s (%d files)%n", set.id(), set.files().size());
    }
    return 0;
  }
}
