package org.acai.cli.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import org.acai.cli.UserError;
import org.acai.sdk.Condition;
import org.acai.sdk.MetaPage;
import org.acai.sdk.MetaSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code acai file|fileset|job find [-v k=v] [-n k=num] [-r k=regex] [--max k] [--min k] [--range
 * k=a..b] [--sort [-]k] [--limit N [--after CURSOR]]}.
 */
@Command(
    name = "find",
    mixinStandardHelpOptions = true,
    description =
        "Find entities whose metadata matches every condition; prints one id per line (-l: documents).")
public final class FindCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec private CommandSpec spec;

  @Option(names = "-v", paramLabel = "KEY=VALUE", description = "Equal to a string (or boolean).")
  private List<String> values = new ArrayList<>();

  @Option(names = "-n", paramLabel = "KEY=NUMBER", description = "Equal to a number.")
  private List<String> numbers = new ArrayList<>();

  @Option(
      names = "-r",
      paramLabel = "KEY=REGEX",
      description = "String value matches a regular expression.")
  private List<String> regexes = new ArrayList<>();

  @Option(names = "--range", paramLabel = "KEY=A..B", description = "Number in (A, B].")
  private List<String> ranges = new ArrayList<>();

  @Option(names = "--max", paramLabel = "KEY")
  private List<String> maxKeys = new ArrayList<>();

  @Option(names = "--min", paramLabel = "KEY")
  private List<String> minKeys = new ArrayList<>();

  @Option(names = "--exists", paramLabel = "KEY")
  private List<String> existing = new ArrayList<>();

  @Option(names = "-l", description = "Print whole documents.")
  private boolean documents;

  @Option(
      names = "--sort",
      paramLabel = "[-]KEY",
      description = "Order by KEY (-KEY descending); default: creation order.")
  private String sort;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description =
          "Print one page of at most N results; if more follow, stderr says how to get them.")
  private Integer limit;

  @Option(
      names = "--after",
      paramLabel = "CURSOR",
      description = "Continue after the page that printed this cursor (same conditions and sort).")
  private String after;

  FindCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<Condition> conditions = new ArrayList<>();
    values.forEach(pair -> conditions.add(Condition.of(key(pair)).value(typedText(value(pair)))));
    numbers.forEach(pair -> conditions.add(Condition.of(key(pair)).value(number(pair))));
    regexes.forEach(pair -> conditions.add(Condition.of(key(pair)).re().value(value(pair))));
    ranges.forEach(pair -> conditions.add(range(pair)));
    maxKeys.forEach(key -> conditions.add(Condition.of(key).max()));
    minKeys.forEach(key -> conditions.add(Condition.of(key).min()));
    existing.forEach(key -> conditions.add(Condition.of(key).exists()));
    MetaSearch search =
        context
            .client()
            .meta()
            .search(MetaTarget.entityType(spec))
            .where(conditions.toArray(Condition[]::new))
            .sort(sort)
            .after(after);
    List<Map<String, Object>> found;
    if (limit == null) {
      found = search.all();
    } else {
      MetaPage page = search.pageSize(limit).page();
      found = page.docs();
      if (page.hasMore()) {
        context.err().println("More results: add --after " + page.nextCursor());
      }
    }
    found.forEach(
        doc ->
            context
                .out()
                .println(documents ? Documents.render(doc) : String.valueOf(doc.get("_id"))));
    return 0;
  }

  private static Object typedText(String text) {
    return "true".equals(text) || "false".equals(text) ? Boolean.valueOf(text) : text;
  }

  private static Number number(String pair) {
    Object typed = MetaTarget.typed(value(pair));
    if (!(typed instanceof Number number)) {
      throw new UserError("Invalid -n %s: expected KEY=NUMBER", pair);
    }
    return number;
  }

  private static Condition range(String pair) {
    String[] bounds = value(pair).split("\\.\\.", -1);
    if (bounds.length != 2
        || !(MetaTarget.typed(bounds[0]) instanceof Number start)
        || !(MetaTarget.typed(bounds[1]) instanceof Number end)) {
      throw new UserError("Invalid --range %s: expected KEY=A..B with numbers", pair);
    }
    return Condition.of(key(pair)).range(start, end);
  }

  private static String key(String pair) {
    int eq = pair.indexOf('=');
    if (eq <= 0) {
      throw new UserError("Invalid condition %s: expected KEY=...", pair);
    }
    return pair.substring(0, eq);
  }

  private static String value(String pair) {
    return pair.substring(pair.indexOf('=') + 1);
  }
}
