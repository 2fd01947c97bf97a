package org.acai.cli.trash;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.acai.api.lifecycle.TrashEntry;
import org.acai.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code acai trash ls}: the caller's deletes (a project admin's: all of the project). */
@Command(
    name = "ls",
    aliases = "list",
    mixinStandardHelpOptions = true,
    description = "List the trash: your deletes, or all of the project's for a project admin.")
public final class TrashLsCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);
  private static final String ROW = "%-6s %-8s %-6s %-18s %-18s %s%n";

  private final CliContext context;

  TrashLsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<TrashEntry> entries = context.client().trash().list();
    if (entries.isEmpty()) {
      context.out().println("The trash is empty.");
      return 0;
    }
    context.out().printf(ROW, "ID", "KIND", "ITEMS", "DELETED", "PURGE AFTER", "TARGET");
    for (TrashEntry entry : entries) {
      context
          .out()
          .printf(
              ROW,
              entry.id(),
              entry.kind(),
              entry.items(),
              TIME.format(Instant.ofEpochMilli(entry.deleted())),
              TIME.format(Instant.ofEpochMilli(entry.purgeAfter())),
              entry.target());
    }
    return 0;
  }
}
