package org.acai.cli.job;

import java.util.concurrent.Callable;
import org.acai.api.lifecycle.DeleteJobRequest;
import org.acai.api.lifecycle.DeleteResult;
import org.acai.cli.CliContext;
import org.acai.cli.Deletions;
import org.acai.sdk.TrashClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai job rm ID [--with-output] [--yes]}. */
@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    description = {
      "Delete a job that has ended: its record, log and events (its output set stays unless"
          + " --with-output).",
      "Deleted jobs go to the trash: 'acai trash ls', 'acai restore ID'."
    })
public final class JobRmCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "ID", description = "Job id.")
  private long jobId;

  @Option(names = "--with-output", description = "Delete the job's output file set too.")
  private boolean withOutput;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  private boolean yes;

  JobRmCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    TrashClient trash = context.client().trash();
    DeleteResult preview = trash.deleteJob(new DeleteJobRequest(jobId, withOutput, true));
    if (!yes) {
      Deletions.confirm(preview.target());
    }
    DeleteResult deleted = trash.deleteJob(new DeleteJobRequest(jobId, withOutput, false));
    context.out().printf("Deleted %s; %s%n", deleted.target(), Deletions.receipt(deleted));
    return 0;
  }
}
