package org.acai.cli.meta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import org.acai.cli.UserError;
import org.acai.sdk.MetaClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code acai file|fileset|job tag ID [-t TAG]... [-k KEY=VALUE]...}. */
@Command(
    name = "tag",
    mixinStandardHelpOptions = true,
    description = "Add tags and key=value metadata (numbers and true/false are typed).")
public final class TagCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec private CommandSpec spec;

  @Mixin private MetaEditTarget target;

  @Option(
      names = {"-k", "--kv"},
      paramLabel = "KEY=VALUE")
  private List<String> pairs = new ArrayList<>();

  TagCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new UserError("Invalid -k %s: expected KEY=VALUE", pair);
      }
      values.put(pair.substring(0, eq), MetaTarget.typed(pair.substring(eq + 1)));
    }
    MetaClient meta = context.client().meta();
    Map<String, Object> doc =
        MetaTarget.update(meta, MetaTarget.entityType(spec), target.id, target.tags, values);
    context.out().println(Documents.render(doc));
    return 0;
  }
}
