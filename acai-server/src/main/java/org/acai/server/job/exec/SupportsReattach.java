package org.acai.server.job.exec;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongPredicate;
import org.acai.server.job.Job;

/** An {@link Executor} whose jobs outlive the server, so that a new server can take them over. */
public interface SupportsReattach {
  /**
   * Takes over the jobs of {@code taken} (launched by this server before a restart, or by a replica
   * that is gone) that it still runs, reporting through the reporter {@code reporters} gives for
   * each, and removes what it runs for jobs that are neither taken nor live in the database
   * (orphans; another replica's jobs are live there).
   *
   * @param liveInDatabase whether a job exists and has not ended, asked after the executor listed
   *     what it runs (so that a job another replica launches meanwhile is never an orphan)
   * @return the ids of the jobs it took over; the server fails the others
   */
  Set<Long> reattach(
      List<Job> taken, LongPredicate liveInDatabase, Function<Job, JobReporter> reporters);
}
