package org.acai.cli.fileset;

import java.util.List;
import java.util.concurrent.Callable;
import org.acai.api.storage.FileSetContent;
import org.acai.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code acai fileset create NAME MEMBER...}: the next version of a file set. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create the next version of a file set from files (PATH, PATH:N) and other file sets"
          + " (@SET, @SET:N); members without a version take the latest one now."
    })
public final class FileSetCreateCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(index = "0", paramLabel = "NAME", description = "The file set.")
  private String name;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "MEMBER", description = "Its members.")
  private List<String> members;

  FileSetCreateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    FileSetContent created = context.client().fileSets().createFileSet(name, members);
    context.out().printf("created %s (%d files)%n", created.id(), created.files().size());
    created.files().forEach(context.out()::println);
    return 0;
  }
}
