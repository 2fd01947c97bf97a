package org.acai.cli.fileset;

import java.util.List;
import java.util.concurrent.Callable;
import org.acai.api.storage.FileSetContent;
import org.acai.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code acai fileset create NAME MEMBER...}. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create the next version of a file set from PATH[:N] and @SET[:N] members.")
final class FileSetCreateCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(index = "0", paramLabel = "NAME")
  private String name;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "MEMBER")
  private List<String> members;

  FileSetCreateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    FileSetContent created = context.client().fileSets().createFileSet(name, members);
    context.out().printf("%s (%d files)%n", created.id(), created.files().size());
    return 0;
  }
}
