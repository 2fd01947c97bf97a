package org.acai.server.job.exec.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain jobs ({@code ACAI_SANDBOX=none}) are not tied to their server: nothing ends them when the
 * server is killed (bubblewrap's die-with-parent and pid namespace do that for isolated jobs). So
 * each plain job starts with its server in its environment ({@value #ENV}{@code =pid-start}, the
 * server's pid and start time), which its children inherit; a server starting in plain mode ends
 * every process of its own user whose server no longer exists. Stateless.
 */
final class PlainOrphans {
  /** The environment variable naming a plain job's server. */
  static final String ENV = "ACAI_SERVER_PROCESS";

  /** This server, as plain jobs carry it: {@code pid-start ticks}. */
  static final String THIS_SERVER =
      ProcessHandle.current().pid() + "-" + ProcFs.startTicks(ProcessHandle.current().pid());

  private static final Logger LOG = LoggerFactory.getLogger(PlainOrphans.class);

  /** Passes over /proc at most: a process forked while one pass ran is found by the next. */
  private static final int MAX_PASSES = 10;

  private PlainOrphans() {}

  /**
   * Kills (SIGKILL) the processes of plain jobs whose server is gone, pass after pass until one
   * finds none (a parent killed in one pass may have forked a child the pass had not listed).
   *
   * @return how many were killed
   */
  static int sweep() {
    int killed = 0;
    for (int pass = 0, found = -1; pass < MAX_PASSES && found != 0; pass++) {
      found = killOnce();
      killed += found;
    }
    if (killed > 0) {
      LOG.warn("Killed {} processes of plain jobs whose server is gone", killed);
    }
    return killed;
  }

  private static int killOnce() {
    long uid = ProcFs.ownUid();
    long self = ProcessHandle.current().pid();
    int killed = 0;
    for (long pid : ProcFs.pids()) {
      String server = pid == self ? null : ProcFs.environmentOf(pid, uid, ENV);
      if (server != null && isGone(server) && !ProcFs.isEnding(pid)) {
        killed += ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false) ? 1 : 0;
      }
    }
    return killed;
  }

  private static boolean isGone(String server) {
    int dash = server.indexOf('-');
    try {
      long pid = Long.parseLong(server.substring(0, Math.max(dash, 0)));
      long start = Long.parseLong(server.substring(dash + 1));
      return ProcFs.startTicks(pid) != start;
    } catch (NumberFormatException e) {
      return false; // not ours to judge
    }
  }
}
