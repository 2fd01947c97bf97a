package org.acai.cli.job;

import java.util.concurrent.Callable;
import org.acai.api.job.JobInfo;
import org.acai.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code acai job kill ID}. */
@Command(
    name = "kill",
    mixinStandardHelpOptions = true,
    description = "Kill a job: a queued one ends at once, a running one within seconds.")
public final class JobKillCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "ID", description = "Job id.")
  private long jobId;

  JobKillCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    JobInfo job = context.client().jobs().kill(jobId);
    context
        .out()
        .println(
            job.jobStatus().isTerminal()
                ? "Job " + jobId + " " + job.jobStatus()
                : "Kill requested for job " + jobId + " (" + job.jobStatus() + ")");
    return 0;
  }
}
