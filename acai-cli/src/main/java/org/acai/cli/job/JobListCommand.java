package org.acai.cli.job;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.acai.api.job.JobInfo;
import org.acai.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code acai job ls}: the project's jobs, oldest first. */
@Command(
    name = "ls",
    aliases = "list",
    mixinStandardHelpOptions = true,
    description = "List the project's jobs, oldest first.")
public final class JobListCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final String ROW = "%-6s %-17s %-21s %-24s %s%n";

  private final CliContext context;

  JobListCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<JobInfo> jobs = context.client().jobs().list();
    if (jobs.isEmpty()) {
      context.out().println("No jobs yet. Start one with 'acai job run'.");
      return 0;
    }
    context.out().printf(ROW, "ID", "STATUS", "SUBMITTED", "NAME", "OUTPUT");
    for (JobInfo job : jobs) {
      context
          .out()
          .printf(
              ROW,
              job.id(),
              job.jobStatus(),
              TIME.format(Instant.ofEpochSecond(job.submittedTime())),
              job.name(),
              job.outputFileSet() != null && job.outputFileSet().contains(":")
                  ? job.outputFileSet()
                  : "-");
    }
    return 0;
  }
}
