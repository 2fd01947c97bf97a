package org.acai.server.job.agent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.acai.server.job.Job;
import org.acai.server.job.exec.Capacity;
import org.acai.server.job.exec.CommandRunner;
import org.acai.server.job.exec.Executor;
import org.acai.server.job.exec.JobReporter;
import org.acai.server.threads.Daemons;

/**
 * Runs each job beside the server, driven by an in-process agent that stages inputs and collects
 * outputs; the command itself runs through a {@link CommandRunner} (a sandboxed process or a
 * container). Thread-safe.
 */
public final class AgentExecutor implements Executor {
  private final JobAgent agent;
  private final CommandRunner runner;
  private final Capacity capacity;
  private final String description;
  private final Map<Long, RunControl> running = new ConcurrentHashMap<>();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(Daemons.named("acai-job-agent"));

  /** Creates the executor. */
  public AgentExecutor(JobAgent agent, CommandRunner runner, Capacity capacity) {
    this.agent = agent;
    this.runner = runner;
    this.capacity = capacity;
    this.description = runner.describe();
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
    runner.release();
  }
}
