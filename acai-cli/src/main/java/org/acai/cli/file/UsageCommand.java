package org.acai.cli.file;

import java.util.Map;
import java.util.concurrent.Callable;
import org.acai.api.lifecycle.Usage;
import org.acai.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code acai usage}: what the project stores. */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    description =
        "Show what the project stores: files, bytes (logical and after dedup), trash, jobs.")
public final class UsageCommand implements Callable<Integer> {
  private final CliContext context;

  UsageCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Usage usage = context.client().files().usage();
    context
        .out()
        .printf("files:          %d version(s) on %d path(s)%n", usage.versions(), usage.paths());
    context.out().printf("logical bytes:  %d%n", usage.logicalBytes());
    context
        .out()
        .printf("physical bytes: %d (distinct blobs, trash included)%n", usage.physicalBytes());
    context
        .out()
        .printf(
            "trash:          %d version(s), %d bytes%n",
            usage.trashedVersions(), usage.trashedBytes());
    StringBuilder jobs = new StringBuilder();
    for (Map.Entry<String, Long> entry : usage.jobs().entrySet()) {
      jobs.append(jobs.length() == 0 ? "" : ", ")
          .append(entry.getKey())
          .append(' ')
          .append(entry.getValue());
    }
    context.out().printf("jobs:           %s%n", jobs.length() == 0 ? "none" : jobs);
    return 0;
  }
}
