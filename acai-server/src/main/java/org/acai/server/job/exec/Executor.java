package org.acai.server.job.exec;

import org.acai.server.job.Job;

/** Runs jobs somewhere: local sandboxed processes, or a Kubernetes cluster. */
public interface Executor extends AutoCloseable {
  /** What it can run at once. */
  Capacity capacity();

  /** Starts a job and returns at once; progress arrives through the reporter. */
  void launch(Job job, JobReporter reporter);

  /** Kills a running job; the reporter then reports KILLED. Unknown jobs are ignored. */
  void kill(long jobId);

  /** Short description for logs. */
  String describe();

  @Override
  void close();
}
