package org.acai.cli.job;

import java.util.concurrent.Callable;
import org.acai.api.job.Lineage;
import org.acai.cli.CliContext;
import org.acai.cli.UserError;
import org.acai.sdk.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai job lineage (ID | --fileset NAME) [--depth N]}. */
@Command(
    name = "lineage",
    mixinStandardHelpOptions = true,
    description = "Show what made a job's or file set's data and what was made from it.")
public final class JobLineageCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "ID", arity = "0..1", description = "Job id.")
  private Long jobId;

  @Option(names = "--fileset", paramLabel = "NAME", description = "A file set (name or name:N).")
  private String fileSet;

  @Option(names = "--depth", paramLabel = "N", description = "How many jobs away (1-50; 5).")
  private int depth = 5;

  JobLineageCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if ((jobId == null) == (fileSet == null)) {
      throw new UserError("Give a job id or --fileset NAME, not both");
    }
    JobClient jobs = context.client().jobs();
    Lineage lineage = jobId != null ? jobs.lineage(jobId, depth) : jobs.lineage(fileSet, depth);
    LineageText.lines(lineage).forEach(context.out()::println);
    return 0;
  }
}
