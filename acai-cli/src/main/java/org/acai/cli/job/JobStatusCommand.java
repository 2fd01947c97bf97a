package org.acai.cli.job;

import java.util.concurrent.Callable;
import org.acai.api.job.JobInfo;
import org.acai.cli.CliContext;
import org.acai.sdk.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai job status ID [--history]}. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show a job's status, why it is there, and its output file set.")
public final class JobStatusCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "ID", description = "Job id.")
  private long jobId;

  @Option(names = "--history", description = "Also list every status change with its time.")
  private boolean history;

  JobStatusCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    JobClient jobs = context.client().jobs();
    JobInfo job = jobs.find(jobId);
    context.out().printf("job %d (%s): %s%n", job.id(), job.name(), job.jobStatus());
    row("reason", job.reason());
    row("exit code", job.exitCode());
    row("command", job.command());
    row("input", job.inputFileSet());
    row("code", job.code());
    row("output set", job.outputFileSet());
    if (history) {
      context.out().println("history:");
      jobs.history(jobId).forEach(line -> context.out().println("  " + line));
    }
    return 0;
  }

  private void row(String label, Object value) {
    if (value != null) {
      context.out().printf("  %-11s %s%n", label + ":", value);
    }
  }
}
