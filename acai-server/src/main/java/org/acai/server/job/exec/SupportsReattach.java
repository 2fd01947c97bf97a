package org.acai.server.job.exec;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.acai.server.job.Job;

/** An {@link Executor} whose jobs outlive the server, so that a new server can take them over. */
public interface SupportsReattach {
  /**
   * Takes over the jobs a previous server launched and that have not ended, reporting through the
   * reporter {@code reporters} gives for each job it takes, and removes what it still runs for jobs
   * not in {@code live} (orphans).
   *
   * @return the ids of the jobs it took over; the server fails the others
   */
  Set<Long> reattach(List<Job> live, Function<Job, JobReporter> reporters);
}
