package org.acai.server.job.agent;

import org.acai.server.job.exec.RunHandle;

/** Lets a kill reach a job in whatever step it is. Thread-safe. */
public final class RunControl {
  private volatile boolean killed;
  private volatile RunHandle process;

  /** Kills the job: its process now, or the next step before it starts. */
  public void kill() {
    killed = true;
    RunHandle current = process;
    if (current != null) {
      current.kill();
    }
  }

  /** Whether a kill was requested. */
  public boolean killed() {
    return killed;
  }

  void attach(RunHandle running) {
    this.process = running;
    if (killed) {
      running.kill();
    }
  }
}
