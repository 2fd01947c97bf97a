package org.acai.cli.job;

import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import org.acai.sdk.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai job logs ID [-f]}. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Print a job's output (stdout and stderr); -f follows it until the job ends.")
public final class JobLogsCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "ID", description = "Job id.")
  private long jobId;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new lines until the job ends.")
  private boolean follow;

  JobLogsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    JobClient jobs = context.client().jobs();
    if (follow) {
      jobs.followLog(
          jobId,
          line -> {
            context.out().println(line);
            context.out().flush();
          });
      return 0;
    }
    String log = jobs.log(jobId);
    if (!log.isEmpty()) {
      context.out().println(log);
    }
    return 0;
  }
}
