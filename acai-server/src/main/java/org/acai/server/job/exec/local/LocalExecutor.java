package org.acai.server.job.exec.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.acai.server.job.Job;
import org.acai.server.job.agent.JobAgent;
import org.acai.server.job.agent.RunControl;
import org.acai.server.job.exec.Capacity;
import org.acai.server.job.exec.Executor;
import org.acai.server.job.exec.JobReporter;

/** Runs each job as a sandboxed local process, driven by an in-process agent. Thread-safe. */
public final class LocalExecutor implements Executor {
  private final JobAgent agent;
  private final Sandbox sandbox;
  private final Capacity capacity;
  private final String description;
  private final Map<Long, RunControl> running = new ConcurrentHashMap<>();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "acai-local-job");
            thread.setDaemon(true);
            return thread;
          });

  /** Creates the executor. */
  public LocalExecutor(JobAgent agent, Sandbox sandbox, Capacity capacity) {
    this.agent = agent;
    this.sandbox = sandbox;
    this.capacity = capacity;
    this.description = "local processes (" + sandbox.describe() + ")";
  }

  @Override
  public Capacity capacity() {
    return capacity;
  }

  @Override
  public void launch(Job job, JobReporter reporter) {
    RunControl control = new RunControl();
    running.put(job.id(), control);
    var unused =
        threads.submit(
            () -> {
              try {
                agent.run(job, reporter, control);
              } finally {
                running.remove(job.id());
              }
            });
  }

  @Override
  public void kill(long jobId) {
    RunControl control = running.get(jobId);
    if (control != null) {
      control.kill();
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    running.values().forEach(RunControl::kill);
    threads.shutdownNow();
    sandbox.release();
  }
}
