package org.acai.cli.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code acai file|fileset|job untag ID [-t TAG]... [-k KEY]...}. */
@Command(
    name = "untag",
    mixinStandardHelpOptions = true,
    description = "Remove tags and metadata keys.")
public final class UntagCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec private CommandSpec spec;

  @Mixin private MetaEditTarget target;

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
                    context.client().meta(),
                    MetaTarget.entityType(spec),
                    target.id,
                    target.tags,
                    keys)));
    return 0;
  }
}
