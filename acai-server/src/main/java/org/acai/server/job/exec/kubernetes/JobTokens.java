package org.acai.server.job.exec.kubernetes;

import org.acai.server.job.Job;

/** Issues and revokes the tokens a job's agent acts with. */
public interface JobTokens {
  /** An expiring token that acts for this job in its project. */
  String issue(Job job);

  /** Revokes every token of the job. */
  void revoke(Job job);
}
