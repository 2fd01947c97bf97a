package org.acai.cli.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code acai file|fileset|job untag ID [-t TAG]... [-k KEY]...}. */
@Command(
    name = "untag",
    mixinStandardHelpOptions = true,
    description = "Remove tags and metadata keys.")
public final class UntagCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID")
  private String id;

  @Option(
      names = {"-t", "--tag"},
      paramLabel = "TAG")
  private List<String> tags = new ArrayList<>();

  @Option(
      names = {"-k", "--key"},
      paramLabel = "KEY")
  private List<String> keys = new ArrayList<>();

  UntagCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context
        .out()
        .println(
            Documents.render(
                MetaTarget.delete(
                    context.client().meta(), MetaTarget.entityType(spec), id, tags, keys)));
    return 0;
  }
}
