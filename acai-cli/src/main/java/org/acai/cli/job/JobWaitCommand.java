package org.acai.cli.job;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai job wait ID... [--timeout DURATION]}. */
@Command(
    name = "wait",
    mixinStandardHelpOptions = true,
    description = {
      "Wait until a job ends, showing its status; exit 0 only if it FINISHED.",
      "With several ids, wait for all of them and list how each ended."
    })
public final class JobWaitCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "ID", arity = "1..*", description = "Job ids.")
  private List<Long> jobIds;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Give up after this long (90, 90s, 10m, 2h); the job keeps running.")
  private Duration timeout;

  JobWaitCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return jobIds.size() == 1
        ? JobWaiting.await(context, context.client().jobs(), jobIds.get(0), timeout)
        : JobWaiting.awaitAll(context, context.client().jobs(), jobIds, timeout);
  }
}
